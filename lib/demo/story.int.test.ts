/**
 * The goldengoose story composed, on the real parts: the seed (database + local cluster), the two
 * labelled simulators, a Prometheus of its own that scrapes the traffic simulator as the demo's does,
 * the engine (graphile-worker on PostgreSQL) and a signed GitHub push through the webhook route.
 * A healthy push is built, canaried and promoted; a slower one fails on the critical latency metric
 * and leaves production untouched (Kayenta's judge; foresail-v1 is checked on the healthy push), an erroring one fails on
 * the critical error rate; a borderline one scores
 * marginal and waits for a release manager, whose "continue" promotes it. Either way baseline and
 * canary are gone and traffic is back on production. Timing is shortened from the demo's ~4 minutes
 * to about one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { POST as github } from '@/app/api/webhooks/github/route';
import { finished, useEngine, waitFor, type ExecutionState } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { findCanaryConfigById, updateCanaryConfig } from '@/lib/db/canary-configs';
import { getDb } from '@/lib/db/client';
import { judgeStage } from '@/lib/engine/actions';
import { reloadConfig } from '@/lib/env';
import { clusterClientFor, type ClusterClient } from '@/lib/kubernetes/client';
import { eventually, testAccounts, uniqueName } from '@/lib/kubernetes/testing';
import { addScrapeTarget, startPrometheus, stopPrometheus } from '@/lib/world/prometheus';
import { commitsFile } from './commits';
import { goldengoose } from './goldengoose';
import type { ProfileName } from './profiles';
import { pushChange } from './push/send';
import { seedProduction } from './seed/cluster';
import { seedGoldengoose } from './seed/database';
import { behaviourFromCommits } from './simulators/behaviour';
import { startBuildController } from './simulators/build-controller';
import { startTrafficSimulator } from './simulators/traffic/simulator';

useTestDatabase();
useEngine({ concurrency: 4 });

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-story-'));
const dataDir = path.join(root, 'data');
const namespace = uniqueName('gg');
const stops: (() => Promise<void>)[] = [];
const logs: string[] = [];
const log = (line: string) => logs.push(line);
let client: ClusterClient;

beforeAll(async () => {
  const { info, admin } = testAccounts();
  client = clusterClientFor(admin);
  const prometheus = await startPrometheus({ root, scrapeJob: { name: 'demo', intervalSeconds: 2 } });
  stops.push(() => stopPrometheus({ root }));
  const file = path.join(root, 'foresail.yaml');
  fs.writeFileSync(
    file,
    stringify({
      dataDir,
      worker: { processes: 0 },
      auth: { serviceAccounts: [{ name: 'goldengoose-deployer', roles: ['release-managers'] }] },
      kubernetes: { accounts: [{ name: goldengoose.kubernetesAccount, kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
      prometheus: { egress: { allow: ['127.0.0.1'] }, accounts: [{ name: goldengoose.metricsAccount, url: prometheus.url, permissions: { READ: ['release-managers'] } }] },
    }),
  );
  process.env.FORESAIL_CONFIG = file;
  reloadConfig();

  await seedProduction(info.kubeconfigPath, info.adminContext, log, namespace);
  // Demo timing shortened: 10 s warm-up, two 25 s intervals; Prometheus scrapes every 2 s.
  await seedGoldengoose({ dataDir, namespace, timing: { warmupMinutes: 10 / 60, intervalMinutes: 25 / 60, lifetime: 'PT50S', stepSeconds: 2 } });
  const controller = startBuildController({ kubeconfigPath: info.kubeconfigPath, context: info.adminContext, namespace, buildSeconds: 2, log });
  stops.push(() => controller.stop());
  const traffic = await startTrafficSimulator({ kubeconfigPath: info.kubeconfigPath, context: info.adminContext, namespace, service: goldengoose.workload, behaviourOf: behaviourFromCommits(commitsFile(dataDir)), refreshMs: 1000, log });
  stops.push(() => traffic.stop());
  addScrapeTarget({ root, name: 'traffic', url: traffic.metricsUrl });
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace }), 30_000, 'default service account');
}, 120_000);

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }).catch(() => undefined);
});

/** "Push a change" with a profile, delivered to the webhook route handler itself. */
async function push(profile: ProfileName) {
  const result = await pushChange({
    profile,
    pusher: 'bob',
    dataDir,
    webhookUrl: 'http://127.0.0.1:3000/api/webhooks/github',
    send: (url, init) => github(new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]), { params: Promise.resolve({}) }),
  });
  expect(result.status, JSON.stringify(result.response)).toBe(202);
  expect(result.response).toMatchObject({ accepted: 1 });
  return result;
}

/** The newest execution of a pipeline started after `since`. */
const executionOf = (pipelineId: string, since: Date) =>
  eventually(async () => (await getDb().execution.findFirst({ where: { pipelineId, createdAt: { gt: since } }, orderBy: { createdAt: 'desc' }, select: { id: true, authentication: true } })) ?? undefined, 30_000, `an execution of ${pipelineId}`);

const productionImage = async () =>
  ((await client.get({ kind: 'deployment', name: goldengoose.workload, namespace })).spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image;

async function weights(): Promise<number[]> {
  const vs = await client.get({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name: goldengoose.workload, namespace });
  return ((vs.spec as { http: { route: { weight: number }[] }[] }).http[0]?.route ?? []).map((r) => r.weight);
}

async function leftovers(): Promise<string[]> {
  const labelSelector = `foresail.io/canary-release=${goldengoose.workload}`;
  const deployments = await client.list({ kind: 'deployment' }, { namespace, labelSelector });
  return deployments.map((o) => o.metadata?.name ?? '');
}

/** Why the Deploy run's release stage failed, as the execution view shows it. */
const failureOf = (e: ExecutionState) => String((e.stages.find((s) => s.refId === 'release')?.context.exception as { details?: { error?: string } } | undefined)?.details?.error ?? '');
const metricNames = ['Request latency p99 (ms)', 'Error rate (5xx share)', 'CPU per pod (cores)', 'Memory per pod (bytes)'];
/** The canary config metric a text names first. */
const firstMetricIn = (text: string) => metricNames.filter((m) => text.includes(m)).sort((a, b) => text.indexOf(a) - text.indexOf(b))[0];

const describeRun = (e: ExecutionState) => JSON.stringify(e.stages.map((s) => [s.refId, s.name, s.status, s.context.exception ?? s.outputs.reason ?? null]));

/** Push → Build (TaskRun, simulated controller) → Deploy (canaryRelease); returns the finished Deploy run. */
async function story(profile: ProfileName, until: (e: ExecutionState) => boolean = finished): Promise<{ image: string; deploy: ExecutionState }> {
  const since = new Date();
  const { image } = await push(profile);
  const build = await executionOf(goldengoose.pipelines.build, since);
  expect(build.authentication).toEqual({ user: 'goldengoose-deployer', roles: ['release-managers'] });
  const built = await waitFor(build.id, finished, 60_000);
  expect(built.status, `${describeRun(built)} ${JSON.stringify(built.stages[0]?.outputs)}`).toBe('SUCCEEDED');
  const deploy = await executionOf(goldengoose.pipelines.deploy, since);
  expect(deploy.authentication).toEqual({ user: 'goldengoose-deployer', roles: ['release-managers'] });
  const done = await waitFor(deploy.id, (e) => finished(e) || until(e), 240_000);
  return { image, deploy: done };
}

/** The seeded canary config with another judge (the demo seeds Kayenta's; foresail-v1 is Foresail's own). */
async function useJudge(name: string): Promise<void> {
  const record = await findCanaryConfigById(goldengoose.canaryConfigId);
  if (!record) throw new Error('the seeded canary config is missing');
  await updateCanaryConfig(record.id, { name: record.name, config: { ...record.config, judge: { name, judgeConfigurations: {} } }, by: 'story-test' });
}

/** The healthy story, whichever judge: production runs the new image, nothing is left, traffic is back. */
async function healthyPushIsPromoted(): Promise<void> {
  const { image, deploy } = await story('healthy');
  expect(deploy.status, describeRun(deploy)).toBe('SUCCEEDED');
  expect(await productionImage()).toBe(image);
  expect(await leftovers()).toEqual([]);
  expect(await weights()).toEqual([100, 0, 0]);
}

describe('the goldengoose story on the local cluster, Prometheus and the simulators (Kayenta judge, as seeded)', () => {
  beforeAll(() => useJudge('NetflixACAJudge-v1.0'));

  it('healthy push: built, canaried, promoted; baseline and canary gone; traffic back on production', healthyPushIsPromoted, 360_000);

  it('slower push: the canary fails on the critical latency metric; production is untouched and cleaned up', async () => {
    const before = await productionImage();
    const { deploy } = await story('slower');
    expect(deploy.status, describeRun(deploy)).toBe('TERMINAL');
    // The reason a release manager reads explains the failing critical metric first.
    expect(failureOf(deploy), describeRun(deploy)).toMatch(/Request latency p99 \(ms\).*High/);
    expect(firstMetricIn(failureOf(deploy))).toBe('Request latency p99 (ms)');
    expect(await productionImage()).toBe(before);
    // The failed stage's cleanup runs as its cancel routine, right after the verdict.
    await eventually(async () => ((await leftovers()).length === 0 ? true : undefined), 60_000, 'baseline and canary deleted');
    expect(await weights()).toEqual([100, 0, 0]);
    expect(await productionImage()).toBe(before);
  }, 360_000);
});

// foresail-v1 on the same story: a healthy canary is promoted. (At this test's shortened timing — 25 s
// intervals — foresail-v1 refused the slower canary in two runs of three and promoted it once, so the
// refusal is asserted with the seeded Kayenta judge only.)
describe('the goldengoose story with foresail-v1', () => {
  beforeAll(() => useJudge('foresail-v1'));

  it('healthy push: built, canaried, promoted; baseline and canary gone; traffic back on production', healthyPushIsPromoted, 360_000);
});

describe('the goldengoose story: erroring and borderline pushes (Kayenta judge)', () => {
  beforeAll(() => useJudge('NetflixACAJudge-v1.0'));

  it('erroring push: the canary fails on the critical error-rate metric; production is untouched', async () => {
    const before = await productionImage();
    const { deploy } = await story('erroring');
    expect(deploy.status, describeRun(deploy)).toBe('TERMINAL');
    expect(failureOf(deploy)).toMatch(/Canary Failed: Error rate \(5xx share\) was classified as High \(Critical\)/);
    expect(firstMetricIn(failureOf(deploy))).toBe('Error rate (5xx share)');
    expect(await productionImage()).toBe(before);
    await eventually(async () => ((await leftovers()).length === 0 ? true : undefined), 60_000, 'baseline and canary deleted');
    expect(await weights()).toEqual([100, 0, 0]);
  }, 360_000);

  it('scores marginal (only the non-critical saturation group is worse), waits for a judgment, and "continue" promotes', async () => {
    const before = await productionImage();
    const child = (e: ExecutionState, name: string) => e.stages.find((s) => s.name === name && s.refId.startsWith('release>'));
    const waiting = (e: ExecutionState) => child(e, 'Judge the marginal canary')?.status === 'RUNNING';
    const { image, deploy } = await story('borderline', waiting);
    expect(deploy.status, describeRun(deploy)).toBe('RUNNING');
    const score = child(deploy, 'Canary analysis')?.outputs.canaryScore;
    expect(score, describeRun(deploy)).toBeGreaterThanOrEqual(50);
    expect(score).toBeLessThan(75);
    // While a person decides, production is untouched and baseline and canary keep their share.
    expect(await productionImage()).toBe(before);
    expect(await weights()).toEqual([80, 10, 10]);

    const judgment = child(deploy, 'Judge the marginal canary');
    await judgeStage(deploy.id, judgment?.id ?? '', { judgmentStatus: 'continue', judgmentInput: 'memory is within budget' }, 'bob');
    const done = await waitFor(deploy.id, finished, 120_000);
    expect(done.status, describeRun(done)).toBe('SUCCEEDED');
    expect(await productionImage()).toBe(image);
    expect(await leftovers()).toEqual([]);
    expect(await weights()).toEqual([100, 0, 0]);
  }, 360_000);
});
