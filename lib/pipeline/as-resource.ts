import { stringify } from 'yaml';
import { GITOPS_API_VERSION, MANAGED_BY_KEY } from './managed-by';

type Json = Record<string, unknown>;

/** Keys that describe a stored pipeline, not its config: a resource may not set them (the sync does). */
const STORED_PIPELINE_KEYS = new Set(['id', 'index', 'updateTs', 'lastModifiedBy', MANAGED_BY_KEY]);
const STORED_CANARY_KEYS = new Set([MANAGED_BY_KEY, 'id', 'createdTimestamp', 'updatedTimestamp', 'createdTimestampIso', 'updatedTimestampIso', 'applications']);

/** A Kubernetes object name (DNS subdomain) from a display name: "Deploy to Prod" → "deploy-to-prod". */
export function resourceNameOf(name: string, fallback = 'pipeline'): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug || fallback;
}

const without = (config: Json, keys: ReadonlySet<string>): Json => Object.fromEntries(Object.entries(config).filter(([key]) => !keys.has(key)));

/** A pipeline config as a Pipeline resource (README "GitOps"); secrets are whatever `config` holds (views mask them). */
export function pipelineAsResource(config: Json, options: { namespace?: string; name?: string } = {}): Json {
  const name = options.name ?? resourceNameOf(typeof config.name === 'string' ? config.name : '');
  return {
    apiVersion: GITOPS_API_VERSION,
    kind: 'Pipeline',
    metadata: { name, ...(options.namespace ? { namespace: options.namespace } : {}) },
    spec: without(config, STORED_PIPELINE_KEYS),
  };
}

/** A Kayenta canary config as a CanaryConfig resource of `application`. */
export function canaryConfigAsResource(config: Json, application: string, options: { namespace?: string; name?: string } = {}): Json {
  const name = options.name ?? resourceNameOf(typeof config.name === 'string' ? config.name : '', 'canary-config');
  return {
    apiVersion: GITOPS_API_VERSION,
    kind: 'CanaryConfig',
    metadata: { name, ...(options.namespace ? { namespace: options.namespace } : {}) },
    spec: { application, ...without(config, STORED_CANARY_KEYS) },
  };
}

/** Several resources as one multi-document YAML stream (what `kubectl apply -f` reads). */
export function resourcesYaml(resources: readonly Json[]): string {
  return resources.map((r) => `---\n${stringify(r, { lineWidth: 0 })}`).join('');
}
