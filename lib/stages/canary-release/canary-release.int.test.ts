import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { readPrometheus } from '@/lib/world/endpoints';
import { cancelExecution } from '@/lib/engine/actions';
import { eventually, uniqueName } from '@/lib/kubernetes/testing';
import { latencySeries } from '@/lib/testing/latency-series';
import { pushSeries } from '@/lib/testing/prometheus-push';
import { childrenOf, describeRun, releasePipeline, startReleaseRig, type ReleaseRig } from './testing';

// canaryRelease through the real engine (graphile-worker, PostgreSQL) against the local cluster and the
// shared Prometheus: the children run as synthetic stages, the cleanup as the stage's cancel routine.
useTestDatabase();
useEngine();

const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);
let rig: ReleaseRig;

beforeAll(async () => {
  rig = await startReleaseRig({
    application: 'release',
    executors: ['release-managers'],
    namespacePrefix: 'release',
    config: { metricsAccounts: [{ name: 'sre-metrics', url: prometheus.url, permissions: { READ: ['sre'] } }] },
  });
}, 60_000);

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
const pipeline = (name: string, testCase: string, start: number, opts: { long?: boolean } = {}) =>
  releasePipeline({ name, namespace: rig.namespace, start, canaryConfig: latencyConfig, scopeParams: { run, case: testCase }, long: opts.long });

async function push(testCase: string, name: string, start: number, canaryMean: number): Promise<void> {
  const series = (deployment: string, mean: number, seed: number) =>
    latencySeries({ name: 'foresail_release_it_seconds', labels: { run, case: testCase, deployment }, start, stepMs: 1000, count: 30, mean, jitter: 0.05, seed });
  await pushSeries(prometheus.url, [series(`${name}-baseline`, 0.2, 1), series(`${name}-canary`, canaryMean, canaryMean === 0.2 ? 1 : 2)]);
}

describe('canaryRelease against the local cluster and Prometheus', () => {
  it('pass: production ends on the new image, baseline and canary are gone, traffic is back on production', async () => {
    const name = uniqueName('pass');
    await rig.production(name);
    const start = Math.floor((Date.now() - 20_000) / 1000) * 1000;
    await push('pass', name, start, 0.2);
    const id = await trigger(await savePipeline('release', pipeline(name, 'pass', start)));
    // Its one interval is already in the past, so the analysis may end before a poll sees it run: what the
    // cluster looks like during an analysis is checked by the cancel test, whose analysis lasts minutes.
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
    expect(await rig.imageOf(name)).toBe('registry.example/web:2');
    expect(await rig.leftovers(name)).toEqual([]);
    expect(await rig.weights(name)).toEqual([100, 0, 0]);
  }, 150_000);

  it('fail: a 30 % slower canary leaves production as it was and the cancel routine cleans up', async () => {
    const name = uniqueName('fail');
    await rig.production(name);
    const start = Math.floor((Date.now() - 20_000) / 1000) * 1000;
    await push('fail', name, start, 0.26);
    const id = await trigger(await savePipeline('release', pipeline(name, 'fail', start)));
    const e = await waitFor(id, finished, 90_000);
    expect(e.status, describeRun(e)).toBe('TERMINAL');
    const statuses = Object.fromEntries(childrenOf(e).map((s) => [s.name, s.status]));
    expect(statuses).toMatchObject({ 'Canary analysis': 'TERMINAL', 'Promote the new image to production': 'NOT_STARTED' });
    expect((stageByRef(e, 'rel').context.exception as { details: { error: string } }).details.error).toMatch(/^Canary analysis failed: Interval 1 scored 0/);
    expect(await rig.imageOf(name)).toBe('registry.example/web:1');
    await eventually(async () => ((await rig.leftovers(name)).length === 0 ? true : undefined), 30_000, 'baseline and canary deleted');
    await eventually(async () => ((await rig.weights(name)).join() === '100,0,0' ? true : undefined), 30_000, 'weights restored');
  }, 150_000);

  it('a metrics account the run may not use: refused before anything is deployed, production untouched', async () => {
    const name = uniqueName('denied');
    await rig.production(name);
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
    expect(await rig.leftovers(name)).toEqual([]);
    expect(await rig.weights(name)).toEqual([100, 0, 0]);
    expect(await rig.imageOf(name)).toBe('registry.example/web:1');
  }, 90_000);

  it('cancel during the analysis: production untouched, baseline and canary deleted, traffic restored', async () => {
    const name = uniqueName('cancel');
    await rig.production(name);
    const id = await trigger(await savePipeline('release', pipeline(name, 'cancel', Date.now(), { long: true })));
    const analysing = await waitFor(id, (e) => finished(e) || childrenOf(e).some((s) => s.name === 'Canary analysis' && s.status === 'RUNNING'), 60_000);
    expect(analysing.status, describeRun(analysing)).toBe('RUNNING');
    // While the analysis runs, traffic is split 80/10/10 and both copies exist, on their images.
    expect(await rig.weights(name)).toEqual([80, 10, 10]);
    expect((await rig.leftovers(name)).sort()).toEqual([`Deployment ${name}-baseline`, `Deployment ${name}-canary`, `Service ${name}-baseline`, `Service ${name}-canary`]);
    expect(await rig.imageOf(`${name}-baseline`)).toBe('registry.example/web:1');
    expect(await rig.imageOf(`${name}-canary`)).toBe('registry.example/web:2');
    await cancelExecution(id, 'tester', 'changed my mind');
    const e = await waitFor(id, finished, 30_000);
    expect(e.status).toBe('CANCELED');
    await eventually(async () => ((await rig.leftovers(name)).length === 0 ? true : undefined), 30_000, 'baseline and canary deleted');
    await eventually(async () => ((await rig.weights(name)).join() === '100,0,0' ? true : undefined), 30_000, 'weights restored');
    expect(await rig.imageOf(name)).toBe('registry.example/web:1');
  }, 150_000);
});
