/** Environment variables that override keys of foresail.yaml. The environment wins over the file. */
export interface EnvKey {
  env: string;
  path: readonly string[];
  type: 'string' | 'number' | 'boolean';
}

export const envKeys: readonly EnvKey[] = [
  { env: 'DATABASE_URL', path: ['database', 'url'], type: 'string' },
  { env: 'FORESAIL_DATABASE_POOL_SIZE', path: ['database', 'poolSize'], type: 'number' },
  { env: 'PORT', path: ['server', 'port'], type: 'number' },
  { env: 'FORESAIL_PORT', path: ['server', 'port'], type: 'number' },
  { env: 'FORESAIL_HOST', path: ['server', 'host'], type: 'string' },
  { env: 'FORESAIL_BASE_URL', path: ['server', 'baseUrl'], type: 'string' },
  { env: 'FORESAIL_MAX_BODY_BYTES', path: ['server', 'maxBodyBytes'], type: 'number' },
  { env: 'FORESAIL_DATA_DIR', path: ['dataDir'], type: 'string' },
  { env: 'LOG_LEVEL', path: ['log', 'level'], type: 'string' },
  { env: 'LOG_FORMAT', path: ['log', 'format'], type: 'string' },
  { env: 'FORESAIL_WORKER_PROCESSES', path: ['worker', 'processes'], type: 'number' },
  { env: 'FORESAIL_WORKER_CONCURRENCY', path: ['worker', 'concurrency'], type: 'number' },
  { env: 'FORESAIL_WORKER_HEARTBEAT_SECONDS', path: ['worker', 'heartbeatSeconds'], type: 'number' },
  { env: 'FORESAIL_WORKER_STALLED_AFTER_SECONDS', path: ['worker', 'stalledAfterSeconds'], type: 'number' },
  { env: 'FORESAIL_HELM_BINARY', path: ['bake', 'helmBinary'], type: 'string' },
  { env: 'FORESAIL_KUSTOMIZE_BINARY', path: ['bake', 'kustomizeBinary'], type: 'string' },
  { env: 'FORESAIL_SESSION_SECRET', path: ['auth', 'sessionSecret'], type: 'string' },
  { env: 'NEXTAUTH_SECRET', path: ['auth', 'sessionSecret'], type: 'string' },
  { env: 'FORESAIL_DEMO', path: ['auth', 'demo'], type: 'boolean' },
  { env: 'GITHUB_CLIENT_ID', path: ['auth', 'github', 'clientId'], type: 'string' },
  { env: 'GITHUB_CLIENT_SECRET', path: ['auth', 'github', 'clientSecret'], type: 'string' },
  { env: 'GITHUB_BASE_URL', path: ['auth', 'github', 'baseUrl'], type: 'string' },
  { env: 'GITHUB_API_URL', path: ['auth', 'github', 'apiUrl'], type: 'string' },
  { env: 'LDAP_URL', path: ['auth', 'ldap', 'url'], type: 'string' },
  { env: 'LDAP_BIND_DN', path: ['auth', 'ldap', 'bindDn'], type: 'string' },
  { env: 'LDAP_BIND_PASSWORD', path: ['auth', 'ldap', 'bindPassword'], type: 'string' },
  { env: 'LDAP_USER_BASE', path: ['auth', 'ldap', 'userBase'], type: 'string' },
];

/** Converts an environment string to the key's type; leaves it as a string when it does not parse, so validation names it. */
export function convertEnvValue(raw: string, type: EnvKey['type']): unknown {
  const trimmed = raw.trim();
  if (type === 'number') return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : raw;
  if (type === 'boolean') {
    if (/^(true|1|yes)$/i.test(trimmed)) return true;
    if (/^(false|0|no)$/i.test(trimmed)) return false;
    return raw;
  }
  return raw;
}
