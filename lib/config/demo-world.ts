import { z } from 'zod';
import { goldengoose } from '../demo/goldengoose';
import { demoWorldEnvKey, type DemoWorldEnv } from './demo-world-env';
import type { KubernetesAccountConfig } from './kubernetes-schema';
import type { PrometheusAccountConfig } from './prometheus-schema';
import type { ForesailConfig } from './schema';

/**
 * `npm run demo` runs a local world beside Foresail (lib/world/demo-world.ts). The supervisor tells
 * every process where it is through this environment variable (JSON), and the configuration gains
 * its accounts: Kubernetes `demo` and Prometheus `demo-prometheus`. They are added after validation
 * because on a first start the cluster (and so its kubeconfig) does not exist yet: the account
 * answers "cannot load context" until the world panel says Kubernetes is ready.
 */
export { demoWorldEnvKey, type DemoWorldEnv };

export const demoWorldEnvSchema: z.ZodType<DemoWorldEnv> = z.strictObject({
  kubeconfigFile: z.string().min(1),
  context: z.string().min(1),
  prometheusUrl: z.string().refine((value) => URL.canParse(value) && new URL(value).hostname === '127.0.0.1', 'must be an http://127.0.0.1 URL'),
});

export const demoKubernetesAccount = 'demo';
export const demoPrometheusAccount = 'demo-prometheus';

/** The demo world's location, or undefined when this process does not run beside one. Throws on a malformed value. */
export function readDemoWorldEnv(env: Readonly<Record<string, string | undefined>>): DemoWorldEnv | undefined {
  const raw = env[demoWorldEnvKey];
  if (!raw) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(`${demoWorldEnvKey} is not JSON`);
  }
  const parsed = demoWorldEnvSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${demoWorldEnvKey} is not a demo world description: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/**
 * The configuration with the demo world's accounts (unless accounts of those names are configured).
 * Roles follow the demo's personas: viewers see the cluster, release managers deploy and analyse.
 */
export function withDemoWorld(config: ForesailConfig, world: DemoWorldEnv | undefined): ForesailConfig {
  if (!world || !config.auth.demo) return config;
  const kubernetes: KubernetesAccountConfig = {
    name: demoKubernetesAccount,
    kubeconfigFile: world.kubeconfigFile,
    context: world.context,
    inCluster: false,
    namespaces: [],
    permissions: { READ: ['viewers', 'developers', 'release-managers'], WRITE: ['release-managers'] },
    // goldengoose's GitOps namespace: its Pipeline resources become goldengoose's pipelines (lib/demo/seed/gitops.ts).
    pipelineSync: { namespaces: [goldengoose.gitops.namespace], bindings: [{ namespace: goldengoose.gitops.namespace, applications: [goldengoose.application], roles: ['release-managers'] }], onDelete: 'delete' },
  };
  const prometheus: PrometheusAccountConfig = {
    name: demoPrometheusAccount,
    url: world.prometheusUrl,
    tls: { insecureSkipVerify: false },
    permissions: { READ: ['developers', 'release-managers'] },
  };
  const has = (accounts: readonly { name: string }[], name: string) => accounts.some((a) => a.name === name);
  return {
    ...config,
    kubernetes: { ...config.kubernetes, accounts: has(config.kubernetes.accounts, kubernetes.name) ? config.kubernetes.accounts : [...config.kubernetes.accounts, kubernetes] },
    prometheus: {
      ...config.prometheus,
      accounts: has(config.prometheus.accounts, prometheus.name) ? config.prometheus.accounts : [...config.prometheus.accounts, prometheus],
      // The demo's Prometheus is on loopback, which metrics accounts may not reach unless allowed.
      egress: { allow: [...new Set([...config.prometheus.egress.allow, '127.0.0.1/32'])] },
    },
  };
}
