import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll } from 'vitest';
import { stringify } from 'yaml';
import { reloadConfig } from '../../lib/env';
import { readLdap } from '../../lib/world/endpoints';

export const testSecret = 'integration-session-secret-0123456789-abcdef';
export const testOrigin = 'http://foresail.test';

/**
 * Points this test process at a configuration with real LDAP (the test world's slapd), a known
 * session secret and the roles the permission tests use. Call after useTestDatabase().
 */
export interface TestKubernetes {
  /** Accounts pointing at a placeholder kubeconfig (for permission tests that never connect), unless they name a real one. */
  accounts: { name: string; permissions: { READ: string[]; WRITE: string[] }; kubeconfigFile?: string; context?: string; namespaces?: string[] }[];
}

export function useAuthConfig(roles: { admin: string[]; createApplication: string[] }, extra: Record<string, unknown> = {}, kubernetes?: TestKubernetes): void {
  beforeAll(() => writeAuthConfig(roles, extra, kubernetes));
}

function writeAuthConfig(roles: { admin: string[]; createApplication: string[] }, extra: Record<string, unknown>, kubernetes: TestKubernetes | undefined): void {
  const ldap = readLdap();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-authcfg-'));
  const file = path.join(dir, 'foresail.yaml');
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
  fs.writeFileSync(
    file,
    stringify({
      server: { baseUrl: testOrigin },
      worker: { processes: 0 },
      auth: {
        sessionSecret: testSecret,
        github: { clientId: 'test-client', clientSecret: 'test-secret' },
        ldap: { url: ldap.url, bindDn: ldap.bindDn, bindPassword: ldap.bindPassword, userBase: ldap.usersDn, refreshSeconds: 60, timeoutMs: 1500 },
        roles,
        ...extra,
      },
      ...(kubernetes ? { kubernetes: { accounts: kubernetes.accounts.map((a) => ({ kubeconfigFile: kubeconfig, ...a })) } } : {}),
    }),
  );
  process.env.FORESAIL_CONFIG = file;
  reloadConfig();
}
