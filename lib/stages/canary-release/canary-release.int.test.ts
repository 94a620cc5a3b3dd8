import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor, type ExecutionState } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { readPrometheus } from '@/lib/world/endpoints';
import { createApplication } from '@/lib/db/applications';
import { cancelExecution } from '@/lib/engine/actions';
import { reloadConfig } from '@/lib/env';
import { clusterClientFor, type ClusterClient } from '@/lib/kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName } from '@/lib/kubernetes/testing';
import { latencySeries } from '@/lib/testing/latency-series';
import { pushSeries } from '@/lib/testing/prometheus-push';

// canaryRelease through the real engine (graphile-worker, PostgreSQL) against the local cluster and the
// shared Prometheus: the children run as synthetic stages, the cleanup as the stage's cancel routine.
useTestDatabase();
useEngine();

const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);
let client: ClusterClient;
let ns: string;

beforeAll(async () => {
  const { info, admin } = testAccounts();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-release-'));
  const file = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(
    file,
    stringify({
      worker: { processes: 0 },
      prometheus: {
        egress: { allow: ['127.0.0.1'] },
        accounts: [
          { name: 'metrics', url: prometheus.url, permissions: { READ: ['release-managers'] } },
          { name: 'sre-metrics', url: prometheus.url, permissions: { READ: ['sre'] } },
        ],
      },
      kubernetes: { accounts: [{ name: 'prod', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
    }),
  );
  process.env.FORESAIL_CONFIG = file;
  reloadConfig();
  await createApplication({ name: 'release', ownerEmail: 'r@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: ['release-managers'] } });
  client = clusterClientFor(admin);
  ns = uniqueName('release');
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
}, 60_000);

/** Production `name` on image v1 behind a VirtualService whose route already lists the baseline and canary subsets at weight 0. */
async function production(name: string): Promise<void> {
  const subset = (s: string, weight: number) => ({ destination: { host: name, subset: s }, weight });
  await client.apply(
    [
      deploymentManifest(name, 'registry.example/web:1', { replicas: 2 }),
      { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } },
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name }, spec: { hosts: [name], http: [{ route: [subset(name, 100), subset(`${name}-baseline`, 0), subset(`${name}-canary`, 0)] }] } },
    ],
    { namespace: ns },
  );
  await eventually(async () => ((await client.get({ kind: 'deployment', name, namespace: ns })).status as { readyReplicas?: number }).readyReplicas === 2 || undefined, 30_000, 'production ready');
}

const latencyConfig = {
  name: 'latency-release',
  metrics: [
    {
      name: 'latency',
      groups: ['performance'],
      query: { type: 'prometheus', customInlineTemplate: 'PromQL:foresail_release_it_seconds{run="${run}",case="${case}",deployment="${scope}"}' },
      analysisConfigurations: { canary: { direction: 'increase' } },
    },
  ],
  classifier: { groupWeights: { performance: 100 } },
};

/** One 12 s interval that started 20 s ago, so it is judged as soon as the analysis starts; `long` makes it last minutes. */
function pipeline(name: string, testCase: string, start: number, opts: { long?: boolean } = {}) {
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
          lifetimeDuration: opts.long ? 'PT10M' : 'PT12S',
          canaryAnalysisIntervalMins: opts.long ? '5' : '0.2',
          scoreThresholds: { pass: '75', marginal: '50' },
          scopes: [{ controlScope: `${name}-baseline`, experimentScope: `${name}-canary`, startTimeIso: new Date(start).toISOString(), step: 1, extendedScopeParams: { run, case: testCase } }],
          canaryConfig: latencyConfig,
        },
      },
    ],
  };
}

async function push(testCase: string, name: string, start: number, canaryMean: number): Promise<void> {
  const series = (deployment: string, mean: number, seed: number) =>
    latencySeries({ name: 'foresail_release_it_seconds', labels: { run, case: testCase, deployment }, start, stepMs: 1000, count: 30, mean, jitter: 0.05, seed });
  await pushSeries(prometheus.url, [series(`${name}-baseline`, 0.2, 1), series(`${name}-canary`, canaryMean, canaryMean === 0.2 ? 1 : 2)]);
}

const imageOf = async (name: string) =>
  ((await client.get({ kind: 'deployment', name, namespace: ns })).spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image;

/** Deployments and Services the release labelled: none may be left once it ends. */
async function leftovers(name: string): Promise<string[]> {
  const labelSelector = `foresail.io/canary-release=${name}`;
  const deployments = await client.list({ kind: 'deployment' }, { namespace: ns, labelSelector });
  const services = await client.list({ apiVersion: 'v1', kind: 'Service' }, { namespace: ns, labelSelector });
  return [...deployments, ...services].map((o) => `${o.kind} ${o.metadata?.name ?? ''}`);
}

async function weights(name: string): Promise<number[]> {
  const vs = await client.get({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name, namespace: ns });
  return ((vs.spec as { http: { route: { weight: number }[] }[] }).http[0]?.route ?? []).map((r) => r.weight);
}

const childrenOf = (e: ExecutionState) => e.stages.filter((s) => s.refId.startsWith('rel>'));
const describeRun = (e: ExecutionState) => JSON.stringify(e.stages.map((s) => [s.refId, s.name, s.status, s.context.exception]));

describe('canaryRelease against the local cluster and Prometheus', () => {
  it('pass: production ends on the new image, baseline and canary are gone, traffic is back on production', async () => {
    const name = uniqueName('pass');
    await production(name);
    const start = Math.floor((Date.now() - 20_000) / 1000) * 1000;
    await push('pass', name, start, 0.2);
    const id = await trigger(await savePipeline('release', pipeline(name, 'pass', start)));
    // While the analysis runs, traffic is split 80/10/10 and both copies exist.
    const analysing = await waitFor(id, (e) => finished(e) || childrenOf(e).some((s) => s.name === 'Canary analysis' && s.status === 'RUNNING'), 60_000);
    expect(analysing.status, describeRun(analysing)).toBe('RUNNING');
    expect(await weights(name)).toEqual([80, 10, 10]);
    expect((await leftovers(name)).sort()).toEqual([`Deployment ${name}-baseline`, `Deployment ${name}-canary`, `Service ${name}-baseline`, `Service ${name}-canary`]);
    expect(await imageOf(`${name}-baseline`)).toBe('registry.example/web:1');
    expect(await imageOf(`${name}-canary`)).toBe('registry.example/web:2');

    const e = await waitFor(id, finished, 90_000);
    expect(e.status, describeRun(e)).toBe('SUCCEEDED');
    expect(childrenOf(e).map((s) => [s.name, s.status])).toEqual([
      ['Shift traffic to baseline and canary', 'SUCCEEDED'],
      ['Canary analysis', 'SUCCEEDED'],
      ['Promote the new image to production', 'SUCCEEDED'],
      ['Restore traffic to production', 'SUCCEEDED'],
      ['Delete baseline and canary', 'SUCCEEDED'],
      ['Summarise the release', 'SUCCEEDED'],
    ]);
    const summary = childrenOf(e).find((s) => s.name === 'Summarise the release')?.outputs;
    expect(summary).toMatchObject({ canaryReleaseVerdict: 'promoted', productionImageBefore: 'registry.example/web:1', productionImageAfter: 'registry.example/web:2' });
    expect(summary?.canaryReleaseSummary).toMatch(new RegExp(`^Deployment ${name} now runs registry\\.example/web:2 \\(was registry\\.example/web:1\\): the canary scored \\d+(\\.\\d+)? against a pass threshold of 75;`));
    expect(stageByRef(e, 'rel').outputs).toMatchObject({ productionImageBefore: 'registry.example/web:1', newImage: 'registry.example/web:2', productionContainer: 'app' });
    expect(await imageOf(name)).toBe('registry.example/web:2');
    expect(await leftovers(name)).toEqual([]);
    expect(await weights(name)).toEqual([100, 0, 0]);
  }, 150_000);

  it('fail: a 30 % slower canary leaves production as it was and the cancel routine cleans up', async () => {
    const name = uniqueName('fail');
    await production(name);
    const start = Math.floor((Date.now() - 20_000) / 1000) * 1000;
    await push('fail', name, start, 0.26);
    const id = await trigger(await savePipeline('release', pipeline(name, 'fail', start)));
    const e = await waitFor(id, finished, 90_000);
    expect(e.status, describeRun(e)).toBe('TERMINAL');
    const statuses = Object.fromEntries(childrenOf(e).map((s) => [s.name, s.status]));
    expect(statuses).toMatchObject({ 'Canary analysis': 'TERMINAL', 'Promote the new image to production': 'NOT_STARTED' });
    expect((stageByRef(e, 'rel').context.exception as { details: { error: string } }).details.error).toMatch(/^Canary analysis failed: Interval 1 scored 0/);
    expect(await imageOf(name)).toBe('registry.example/web:1');
    await eventually(async () => ((await leftovers(name)).length === 0 ? true : undefined), 30_000, 'baseline and canary deleted');
    await eventually(async () => ((await weights(name)).join() === '100,0,0' ? true : undefined), 30_000, 'weights restored');
  }, 150_000);

  it('a metrics account the run may not use: refused before anything is deployed, production untouched', async () => {
    const name = uniqueName('denied');
    await production(name);
    const config = pipeline(name, 'denied', Date.now());
    const [release] = config.stages;
    if (!release) throw new Error('no stage');
    const id = await trigger(await savePipeline('release', { stages: [{ ...release, canaryConfig: { ...release.canaryConfig, metricsAccountName: 'sre-metrics' } }] }));
    const e = await waitFor(id, finished, 30_000);
    expect(e.status, describeRun(e)).toBe('TERMINAL');
    expect((stageByRef(e, 'rel').context.exception as { details: { error: string } }).details.error).toBe(
      "The canary analysis cannot run: tester's run may not use Prometheus metrics account sre-metrics: that needs one of the roles sre",
    );
    expect(childrenOf(e).every((s) => s.status === 'NOT_STARTED'), describeRun(e)).toBe(true);
    expect(await leftovers(name)).toEqual([]);
    expect(await weights(name)).toEqual([100, 0, 0]);
    expect(await imageOf(name)).toBe('registry.example/web:1');
  }, 90_000);

  it('cancel during the analysis: production untouched, baseline and canary deleted, traffic restored', async () => {
    const name = uniqueName('cancel');
    await production(name);
    const id = await trigger(await savePipeline('release', pipeline(name, 'cancel', Date.now(), { long: true })));
    const analysing = await waitFor(id, (e) => finished(e) || childrenOf(e).some((s) => s.name === 'Canary analysis' && s.status === 'RUNNING'), 60_000);
    expect(analysing.status, describeRun(analysing)).toBe('RUNNING');
    expect(await weights(name)).toEqual([80, 10, 10]);
    await cancelExecution(id, 'tester', 'changed my mind');
    const e = await waitFor(id, finished, 30_000);
    expect(e.status).toBe('CANCELED');
    await eventually(async () => ((await leftovers(name)).length === 0 ? true : undefined), 30_000, 'baseline and canary deleted');
    await eventually(async () => ((await weights(name)).join() === '100,0,0' ? true : undefined), 30_000, 'weights restored');
    expect(await imageOf(name)).toBe('registry.example/web:1');
  }, 150_000);
});
