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
import { judgeStage } from '@/lib/engine/actions';
import { reloadConfig } from '@/lib/env';
import { clusterClientFor, type ClusterClient } from '@/lib/kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName } from '@/lib/kubernetes/testing';
import { latencySeries } from '@/lib/testing/latency-series';
import { pushSeries } from '@/lib/testing/prometheus-push';

// canaryRelease with `marginalAction: judge` through the real engine, the local cluster and the shared
// Prometheus: a canary worse on one metric whose group weighs 30 scores 70 (marginal 50, pass 75), so
// the analysis child passes and the judgment child waits for a person; their decision promotes or not.
useTestDatabase();
useEngine();

const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);
let client: ClusterClient;
let ns: string;

beforeAll(async () => {
  const { info, admin } = testAccounts();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-release-judge-'));
  const file = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(
    file,
    stringify({
      worker: { processes: 0 },
      prometheus: { egress: { allow: ['127.0.0.1'] }, accounts: [{ name: 'metrics', url: prometheus.url, permissions: { READ: ['release-managers'] } }] },
      kubernetes: { accounts: [{ name: 'prod', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
    }),
  );
  process.env.FORESAIL_CONFIG = file;
  reloadConfig();
  await createApplication({ name: 'release-judge', ownerEmail: 'r@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: ['release-managers'] } });
  client = clusterClientFor(admin);
  ns = uniqueName('judge');
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

const METRICS = ['latency', 'errors', 'cpu'] as const;
const metric = (name: string, group: string) => ({
  name,
  groups: [group],
  query: { type: 'prometheus', customInlineTemplate: `PromQL:foresail_release_judge_it{run="\${run}",case="\${case}",metric="${name}",deployment="\${scope}"}` },
  analysisConfigurations: { canary: { direction: 'increase' } },
});
const borderlineConfig = {
  name: 'borderline-release',
  metrics: [metric('latency', 'performance'), metric('errors', 'correctness'), metric('cpu', 'saturation')],
  classifier: { groupWeights: { performance: 40, correctness: 30, saturation: 30 } },
};

/** One 12 s interval that started 20 s ago, so it is judged as soon as the analysis starts. */
function pipeline(name: string, testCase: string, start: number) {
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
        marginalAction: 'judge',
        canaryConfig: {
          canaryConfigName: 'inline',
          metricsAccountName: 'metrics',
          lifetimeDuration: 'PT12S',
          canaryAnalysisIntervalMins: '0.2',
          scoreThresholds: { pass: '75', marginal: '50' },
          scopes: [{ controlScope: `${name}-baseline`, experimentScope: `${name}-canary`, startTimeIso: new Date(start).toISOString(), step: 1, extendedScopeParams: { run, case: testCase } }],
          canaryConfig: borderlineConfig,
        },
      },
    ],
  };
}

/** Baseline and canary series for every metric; the canary's `errors` is 30 % higher (its group weighs 30 → score 70). */
async function pushBorderline(testCase: string, name: string, start: number): Promise<void> {
  const series = METRICS.flatMap((m, i) =>
    (['baseline', 'canary'] as const).map((side) => {
      const worse = side === 'canary' && m === 'errors';
      return latencySeries({ name: 'foresail_release_judge_it', labels: { run, case: testCase, metric: m, deployment: `${name}-${side}` }, start, stepMs: 1000, count: 30, mean: worse ? 0.26 : 0.2, jitter: 0.05, seed: worse ? 100 + i : 10 + i });
    }),
  );
  await pushSeries(prometheus.url, series);
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
const child = (e: ExecutionState, name: string) => childrenOf(e).find((s) => s.name === name);
const describeRun = (e: ExecutionState) => JSON.stringify(e.stages.map((s) => [s.refId, s.name, s.status, s.context.exception]));
const JUDGE = 'Judge the marginal canary';

/** Starts a borderline release and returns once its judgment child waits for a person (the analysis scored 70). */
async function waitingForJudgment(testCase: string): Promise<{ id: string; name: string; judgmentId: string }> {
  const name = uniqueName(testCase);
  await production(name);
  const start = Math.floor((Date.now() - 20_000) / 1000) * 1000;
  await pushBorderline(testCase, name, start);
  const id = await trigger(await savePipeline('release-judge', pipeline(name, testCase, start)));
  const waiting = await waitFor(id, (e) => finished(e) || child(e, JUDGE)?.status === 'RUNNING', 90_000);
  expect(waiting.status, describeRun(waiting)).toBe('RUNNING');
  const analysis = child(waiting, 'Canary analysis');
  expect(analysis?.status).toBe('SUCCEEDED');
  expect(analysis?.outputs).toMatchObject({ canaryScore: 70 });
  const intervals = analysis?.outputs.canaryIntervals as { result: { score: { classification: string } } }[];
  // The analysis child judged against marginal as its pass; against the real pass (75) the score is Marginal.
  expect(intervals.map((i) => i.result.score.classification)).toStrictEqual(['Pass']);
  expect(child(waiting, 'Promote the new image to production')?.status).toBe('NOT_STARTED');
  // While a person decides, production is untouched and the copies still take their share.
  expect(await imageOf(name)).toBe('registry.example/web:1');
  expect(await weights(name)).toEqual([80, 10, 10]);
  const judgment = child(waiting, JUDGE);
  if (!judgment) throw new Error(`no judgment child: ${describeRun(waiting)}`);
  return { id, name, judgmentId: judgment.id };
}

describe('canaryRelease with marginalAction: judge', () => {
  it('a marginal canary waits for a judgment; "continue" promotes production to the new image and cleans up', async () => {
    const { id, name, judgmentId } = await waitingForJudgment('go');
    await judgeStage(id, judgmentId, { judgmentStatus: 'continue', judgmentInput: 'looks fine' }, 'release-manager');
    const e = await waitFor(id, finished, 90_000);
    expect(e.status, describeRun(e)).toBe('SUCCEEDED');
    expect(childrenOf(e).map((s) => [s.name, s.status])).toEqual([
      ['Shift traffic to baseline and canary', 'SUCCEEDED'],
      ['Canary analysis', 'SUCCEEDED'],
      [JUDGE, 'SUCCEEDED'],
      ['Promote the new image to production', 'SUCCEEDED'],
      ['Restore traffic to production', 'SUCCEEDED'],
      ['Delete baseline and canary', 'SUCCEEDED'],
      ['Summarise the release', 'SUCCEEDED'],
    ]);
    expect(child(e, JUDGE)?.context).toMatchObject({ judgmentStatus: 'continue', lastModifiedBy: 'release-manager' });
    expect(child(e, 'Summarise the release')?.outputs).toMatchObject({ canaryReleaseVerdict: 'promoted', productionImageAfter: 'registry.example/web:2' });
    expect(await imageOf(name)).toBe('registry.example/web:2');
    expect(await leftovers(name)).toEqual([]);
    expect(await weights(name)).toEqual([100, 0, 0]);
  }, 200_000);

  it('"stop" leaves production on the old image, and the cancel routine deletes the copies and restores traffic', async () => {
    const { id, name, judgmentId } = await waitingForJudgment('halt');
    await judgeStage(id, judgmentId, { judgmentStatus: 'stop', judgmentInput: 'too risky' }, 'release-manager');
    const e = await waitFor(id, finished, 90_000);
    expect(e.status, describeRun(e)).toBe('TERMINAL');
    expect(Object.fromEntries(childrenOf(e).map((s) => [s.name, s.status]))).toMatchObject({ 'Canary analysis': 'SUCCEEDED', [JUDGE]: 'TERMINAL', 'Promote the new image to production': 'NOT_STARTED' });
    expect(stageByRef(e, 'rel').status).toBe('TERMINAL');
    expect(await imageOf(name)).toBe('registry.example/web:1');
    await eventually(async () => ((await leftovers(name)).length === 0 ? true : undefined), 30_000, 'baseline and canary deleted');
    await eventually(async () => ((await weights(name)).join() === '100,0,0' ? true : undefined), 30_000, 'weights restored');
    expect(await imageOf(name)).toBe('registry.example/web:1');
  }, 200_000);
});
