import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../lib/db/applications';
import { getPool } from '../../lib/db/pool';
import { reloadConfig } from '../../lib/env';
import { clusterClientFor, type ClusterClient } from '../../lib/kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName } from '../../lib/kubernetes/testing';
import { latencySeries } from '../../lib/testing/latency-series';
import { pushSeries } from '../../lib/testing/prometheus-push';
import { executionState, finished, savePipeline, stageByRef, trigger, waitFor, type ExecutionState } from '../runner/engine-harness';
import { useTestDatabase } from '../runner/test-database';
import { readPrometheus } from '../../lib/world/endpoints';
import { startWorkers, type WorkerFleet } from './workers';

// A canaryRelease whose only worker process is SIGKILLed twice during the promotion step: once as soon
// as the step starts, once after a replacement took the step over and waits for production's rollout. Replacement workers
// must finish the release with exactly one rollout of production to the new image (no second promotion)
// and the cleanup done. minReadySeconds keeps the rollout wait long enough to kill inside it.
const MIN_READY_SECONDS = 12;
// The worker config's stalledAfterSeconds (5) plus a margin: by then a replacement has taken the stalled step over.
const TAKEOVER_MS = 7_000;
const PROMOTE = 'Promote the new image to production';

useTestDatabase();
let fleet: WorkerFleet;
let client: ClusterClient;
let ns: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-release-kill-'));
const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  const { info, admin } = testAccounts();
  const config = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(
    config,
    stringify({
      worker: { processes: 0, heartbeatSeconds: 1, stalledAfterSeconds: 5 },
      egress: { allow: ['127.0.0.1'] },
      prometheus: { egress: { allow: ['127.0.0.1'] }, accounts: [{ name: 'metrics', url: prometheus.url, permissions: { READ: ['release-managers'] } }] },
      kubernetes: { accounts: [{ name: 'prod', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
    }),
  );
  process.env.FORESAIL_CONFIG = config;
  reloadConfig();
  await createApplication({ name: 'release-kill', ownerEmail: 'k@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
  client = clusterClientFor(admin);
  ns = uniqueName('relkill');
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
  fleet = startWorkers(1, { DATABASE_URL: process.env.DATABASE_URL ?? '', FORESAIL_CONFIG: config, LOG_LEVEL: 'warn' }, path.join(dir, 'workers.log'));
});

afterAll(async () => {
  await fleet?.stop();
  delete process.env.FORESAIL_CONFIG;
  reloadConfig();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function production(name: string): Promise<void> {
  const subset = (s: string, weight: number) => ({ destination: { host: name, subset: s }, weight });
  const manifest = deploymentManifest(name, 'registry.example/web:1', { replicas: 2 });
  await client.apply(
    [
      { ...manifest, spec: { ...manifest.spec, minReadySeconds: MIN_READY_SECONDS } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } },
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name }, spec: { hosts: [name], http: [{ route: [subset(name, 100), subset(`${name}-baseline`, 0), subset(`${name}-canary`, 0)] }] } },
    ],
    { namespace: ns },
  );
  await eventually(async () => ((await client.get({ kind: 'deployment', name, namespace: ns })).status as { availableReplicas?: number }).availableReplicas === 2 || undefined, 60_000, 'production available');
}

/** One 12 s interval that started 20 s ago; baseline and canary behave the same, so the analysis passes. */
function pipeline(name: string, start: number) {
  return {
    stages: [
      {
        refId: 'rel',
        requisiteStageRefIds: [],
        type: 'canaryRelease',
        name: 'Canary release',
        account: 'prod',
        namespace: ns,
        production: { kind: 'Deployment', name },
        image: 'registry.example/web:2',
        replicas: 1,
        traffic: { production: 80, baseline: 10, canary: 10 },
        router: { kind: 'VirtualService', name },
        canaryConfig: {
          canaryConfigName: 'inline',
          metricsAccountName: 'metrics',
          lifetimeDuration: 'PT12S',
          canaryAnalysisIntervalMins: '0.2',
          scoreThresholds: { pass: '75', marginal: '50' },
          scopes: [{ controlScope: `${name}-baseline`, experimentScope: `${name}-canary`, startTimeIso: new Date(start).toISOString(), step: 1, extendedScopeParams: { run } }],
          canaryConfig: {
            name: 'latency-kill',
            metrics: [{ name: 'latency', groups: ['performance'], query: { type: 'prometheus', customInlineTemplate: 'PromQL:foresail_release_kill_seconds{run="${run}",deployment="${scope}"}' }, analysisConfigurations: { canary: { direction: 'increase' } } }],
            classifier: { groupWeights: { performance: 100 } },
          },
        },
      },
    ],
  };
}

const imageOf = async (name: string) =>
  ((await client.get({ kind: 'deployment', name, namespace: ns })).spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image;

/** Production's ReplicaSets (its rollout history): revision → image. */
async function history(name: string): Promise<Record<string, string | undefined>> {
  const sets = await client.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { namespace: ns, labelSelector: `app=${name}` });
  const owners = (rs: (typeof sets)[number]) => (rs.metadata?.ownerReferences ?? []) as { kind: string; name: string }[];
  const own = sets.filter((rs) => owners(rs).some((o) => o.kind === 'Deployment' && o.name === name));
  return Object.fromEntries(
    own.map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '?', (rs.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image]),
  );
}

async function leftovers(name: string): Promise<string[]> {
  const labelSelector = `foresail.io/canary-release=${name}`;
  const deployments = await client.list({ kind: 'deployment' }, { namespace: ns, labelSelector });
  const services = await client.list({ apiVersion: 'v1', kind: 'Service' }, { namespace: ns, labelSelector });
  return [...deployments, ...services].map((o) => `${o.kind} ${o.metadata?.name ?? ''}`);
}

const promoteOf = (e: ExecutionState) => e.stages.find((s) => s.name === PROMOTE);
const describeRun = (e: ExecutionState) => JSON.stringify(e.stages.map((s) => [s.refId, s.name, s.status, s.context.exception]));

describe('reliability', () => {
  it('canaryRelease: the worker is SIGKILLed twice during promotion → a new worker finishes it, production rolled out once, cleanup done', async () => {
    const name = uniqueName('web');
    await production(name);
    expect(await history(name)).toStrictEqual({ '1': 'registry.example/web:1' });
    const start = Math.floor((Date.now() - 20_000) / 1000) * 1000;
    const series = (deployment: string) => latencySeries({ name: 'foresail_release_kill_seconds', labels: { run, deployment }, start, stepMs: 1000, count: 30, mean: 0.2, jitter: 0.05, seed: 1 });
    await pushSeries(prometheus.url, [series(`${name}-baseline`), series(`${name}-canary`)]);
    const started = Date.now();
    const id = await trigger(await savePipeline('release-kill', pipeline(name, start)));

    // Kill 1: the moment the promotion step runs (before or while it patches production).
    const promoting = await waitFor(id, (e) => finished(e) || promoteOf(e)?.status === 'RUNNING', 120_000);
    expect(promoting.status, describeRun(promoting)).toBe('RUNNING');
    const imageAtKill1 = await imageOf(name);
    const killed1 = await fleet.killOne(0);
    const kill1At = Date.now();

    // Kill 2: the replacement took the step over and waits for the rollout (minReadySeconds holds it open).
    await new Promise((r) => setTimeout(r, TAKEOVER_MS));
    await eventually(async () => ((await imageOf(name)) === 'registry.example/web:2' ? true : undefined), 60_000, 'production patched to the new image');
    const patched = await executionState(id);
    expect(promoteOf(patched)?.status, describeRun(patched)).toBe('RUNNING');
    const killed2 = await fleet.killOne(0);
    const kill2At = Date.now();

    const e = await waitFor(id, finished, 120_000);
    const done = Date.now();
    const { rows } = await getPool().query<{ attempt: number }>('SELECT attempt FROM stage_executions WHERE execution_id = $1 AND name = $2', [id, PROMOTE]);
    process.stdout.write(
      `canaryRelease kills: worker ${killed1} SIGKILLed ${Math.round((kill1At - started) / 100) / 10} s after the trigger as promotion started (production then on ${imageAtKill1}), ` +
        `worker ${killed2} ${Math.round((kill2At - kill1At) / 100) / 10} s later while the rollout was waited for; release ${e.status} ${Math.round((done - kill2At) / 100) / 10} s after the second kill ` +
        `(${Math.round((done - started) / 100) / 10} s in all); promotion stage attempt ${rows[0]?.attempt}\n`,
    );
    expect(e.status, describeRun(e)).toBe('SUCCEEDED');
    expect(stageByRef(e, 'rel').status).toBe('SUCCEEDED');
    expect(e.stages.filter((s) => s.refId.startsWith('rel>')).map((s) => [s.name, s.status])).toEqual([
      ['Shift traffic to baseline and canary', 'SUCCEEDED'],
      ['Canary analysis', 'SUCCEEDED'],
      [PROMOTE, 'SUCCEEDED'],
      ['Restore traffic to production', 'SUCCEEDED'],
      ['Delete baseline and canary', 'SUCCEEDED'],
      ['Summarise the release', 'SUCCEEDED'],
    ]);
    // Exactly one promotion: production's history is the original ReplicaSet and one rollout to the new image.
    expect(await history(name)).toStrictEqual({ '1': 'registry.example/web:1', '2': 'registry.example/web:2' });
    const live = await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: ns });
    expect(live.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect((live.status as { availableReplicas?: number }).availableReplicas).toBe(2);
    expect(await leftovers(name)).toEqual([]);
    const vs = await client.get({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name, namespace: ns });
    expect(((vs.spec as { http: { route: { weight: number }[] }[] }).http[0]?.route ?? []).map((r) => r.weight)).toEqual([100, 0, 0]);
  }, 300_000);
});
