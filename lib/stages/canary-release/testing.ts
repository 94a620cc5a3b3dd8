import type { ExecutionState } from '../../../e2e/runner/engine-harness';
import { setTestConfig, type TestConfig } from '../../../e2e/runner/test-config';
import { readPrometheus } from '../../world/endpoints';
import { createApplication } from '../../db/applications';
import { clusterClientFor, type ClusterClient } from '../../kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName } from '../../kubernetes/testing';

/**
 * What the canaryRelease tests share (the stage's integration tests and the reliability test that
 * kills its worker): configuration, the production workload a release starts from, the pipeline,
 * and what to look at in the cluster afterwards.
 */

const RELEASE_MANAGERS = { READ: ['release-managers'] };

export interface ReleaseConfigOptions {
  /** More metrics accounts beside `metrics` (the test world's Prometheus, READ: release-managers). */
  metricsAccounts?: Record<string, unknown>[];
  /** Sections added as they are (worker timing, egress). */
  extra?: TestConfig;
}

/** Metrics account `metrics` and Kubernetes account `prod` (the test world's cluster), both for release-managers. */
export function releaseConfig({ metricsAccounts = [], extra = {} }: ReleaseConfigOptions = {}): TestConfig {
  const { info } = testAccounts();
  return {
    worker: { processes: 0 },
    ...extra,
    prometheus: { egress: { allow: ['127.0.0.1'] }, accounts: [{ name: 'metrics', url: readPrometheus().url, permissions: RELEASE_MANAGERS }, ...metricsAccounts] },
    kubernetes: { accounts: [{ name: 'prod', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { ...RELEASE_MANAGERS, WRITE: ['release-managers'] } }] },
  };
}

export interface ReleaseRig {
  client: ClusterClient;
  namespace: string;
  /** The configuration file in force (worker processes get it too). */
  configFile: string;
  /** Production `name` on image v1 behind a VirtualService whose route already lists the baseline and canary subsets at weight 0. */
  production(name: string, options?: { minReadySeconds?: number }): Promise<void>;
  imageOf(name: string): Promise<string | undefined>;
  /** Deployments and Services the release labelled: none may be left once it ends. */
  leftovers(name: string): Promise<string[]>;
  /** The VirtualService's route weights: production, baseline, canary. */
  weights(name: string): Promise<number[]>;
}

export interface ReleaseRigOptions {
  application: string;
  /** Roles with EXECUTE on the application. */
  executors?: string[];
  namespacePrefix: string;
  config?: ReleaseConfigOptions;
  /** Where the configuration file goes (a new temporary folder unless given). */
  dir?: string;
}

/** Puts the release configuration in force, creates the application and a namespace (with its default service account) in the test cluster. */
export async function startReleaseRig(options: ReleaseRigOptions): Promise<ReleaseRig> {
  const configFile = setTestConfig(releaseConfig(options.config), options.dir);
  await createApplication({ name: options.application, ownerEmail: 'r@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: options.executors ?? [] } });
  const client = clusterClientFor(testAccounts().admin);
  const namespace = uniqueName(options.namespacePrefix);
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }]);
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace }), 30_000, 'default service account');

  const deployment = async (name: string) => client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace });
  return {
    client,
    namespace,
    configFile,
    async production(name, { minReadySeconds } = {}) {
      const subset = (s: string, weight: number) => ({ destination: { host: name, subset: s }, weight });
      const manifest = deploymentManifest(name, 'registry.example/web:1', { replicas: 2 });
      await client.apply(
        [
          minReadySeconds === undefined ? manifest : { ...manifest, spec: { ...manifest.spec, minReadySeconds } },
          { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } },
          { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name }, spec: { hosts: [name], http: [{ route: [subset(name, 100), subset(`${name}-baseline`, 0), subset(`${name}-canary`, 0)] }] } },
        ],
        { namespace },
      );
      await eventually(async () => ((await deployment(name)).status as { availableReplicas?: number }).availableReplicas === 2 || undefined, 60_000, 'production available');
    },
    imageOf: async (name) => ((await deployment(name)).spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image,
    async leftovers(name) {
      const labelSelector = `foresail.io/canary-release=${name}`;
      const deployments = await client.list({ kind: 'deployment' }, { namespace, labelSelector });
      const services = await client.list({ apiVersion: 'v1', kind: 'Service' }, { namespace, labelSelector });
      return [...deployments, ...services].map((o) => `${o.kind} ${o.metadata?.name ?? ''}`);
    },
    async weights(name) {
      const vs = await client.get({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name, namespace });
      return ((vs.spec as { http: { route: { weight: number }[] }[] }).http[0]?.route ?? []).map((r) => r.weight);
    },
  };
}

export interface ReleasePipelineOptions {
  /** Production's name (baseline and canary are named after it). */
  name: string;
  namespace: string;
  /** When the analysis window starts (ms). */
  start: number;
  canaryConfig: Record<string, unknown>;
  /** Labels the metric queries select on (`${run}`, `${case}`…). */
  scopeParams: Record<string, string>;
  /** Minutes-long intervals, for a release to cancel while it analyses. */
  long?: boolean;
  marginalAction?: 'judge';
}

/** One canaryRelease stage (refId `rel`) to image v2 at 80/10/10: by default one 12 s interval, judged as soon as it has passed. */
export function releasePipeline(options: ReleasePipelineOptions) {
  const { name, long } = options;
  return {
    stages: [
      {
        refId: 'rel',
        requisiteStageRefIds: [],
        type: 'canaryRelease',
        name: 'Canary release',
        account: 'prod',
        namespace: options.namespace,
        production: { kind: 'Deployment', name },
        image: 'registry.example/web:2',
        replicas: 1,
        traffic: { production: 80, baseline: 10, canary: 10 },
        router: { kind: 'VirtualService', name },
        ...(options.marginalAction ? { marginalAction: options.marginalAction } : {}),
        canaryConfig: {
          canaryConfigName: 'inline',
          metricsAccountName: 'metrics',
          lifetimeDuration: long ? 'PT10M' : 'PT12S',
          canaryAnalysisIntervalMins: long ? '5' : '0.2',
          scoreThresholds: { pass: '75', marginal: '50' },
          scopes: [{ controlScope: `${name}-baseline`, experimentScope: `${name}-canary`, startTimeIso: new Date(options.start).toISOString(), step: 1, extendedScopeParams: options.scopeParams }],
          canaryConfig: options.canaryConfig,
        },
      },
    ],
  };
}

/** The release's synthetic children, in order. */
export const childrenOf = (e: ExecutionState) => e.stages.filter((s) => s.refId.startsWith('rel>'));
/** Every stage's refId, name, status and exception: the message when an expectation fails. */
export const describeRun = (e: ExecutionState) => JSON.stringify(e.stages.map((s) => [s.refId, s.name, s.status, s.context.exception]));
