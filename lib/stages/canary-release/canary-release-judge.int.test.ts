import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor, type ExecutionState } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { readPrometheus } from '@/lib/world/endpoints';
import { judgeStage } from '@/lib/engine/actions';
import { eventually, uniqueName } from '@/lib/kubernetes/testing';
import { latencySeries } from '@/lib/testing/latency-series';
import { pushSeries } from '@/lib/testing/prometheus-push';
import { childrenOf, describeRun, releasePipeline, startReleaseRig, type ReleaseRig } from './testing';

// canaryRelease with `marginalAction: judge` through the real engine, the local cluster and the shared
// Prometheus: a canary worse on one metric whose group weighs 30 scores 70 (marginal 50, pass 75), so
// the analysis child passes and the judgment child waits for a person; their decision promotes or not.
useTestDatabase();
useEngine();

const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);
let rig: ReleaseRig;

beforeAll(async () => {
  rig = await startReleaseRig({ application: 'release-judge', executors: ['release-managers'], namespacePrefix: 'judge' });
}, 60_000);

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
const pipeline = (name: string, testCase: string, start: number) =>
  releasePipeline({ name, namespace: rig.namespace, start, canaryConfig: borderlineConfig, scopeParams: { run, case: testCase }, marginalAction: 'judge' });

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

const child = (e: ExecutionState, name: string) => childrenOf(e).find((s) => s.name === name);
const JUDGE = 'Judge the marginal canary';

/** Starts a borderline release and returns once its judgment child waits for a person (the analysis scored 70). */
async function waitingForJudgment(testCase: string): Promise<{ id: string; name: string; judgmentId: string }> {
  const name = uniqueName(testCase);
  await rig.production(name);
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
  expect(await rig.imageOf(name)).toBe('registry.example/web:1');
  expect(await rig.weights(name)).toEqual([80, 10, 10]);
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
    expect(await rig.imageOf(name)).toBe('registry.example/web:2');
    expect(await rig.leftovers(name)).toEqual([]);
    expect(await rig.weights(name)).toEqual([100, 0, 0]);
  }, 200_000);

  it('"stop" leaves production on the old image, and the cancel routine deletes the copies and restores traffic', async () => {
    const { id, name, judgmentId } = await waitingForJudgment('halt');
    await judgeStage(id, judgmentId, { judgmentStatus: 'stop', judgmentInput: 'too risky' }, 'release-manager');
    const e = await waitFor(id, finished, 90_000);
    expect(e.status, describeRun(e)).toBe('TERMINAL');
    expect(Object.fromEntries(childrenOf(e).map((s) => [s.name, s.status]))).toMatchObject({ 'Canary analysis': 'SUCCEEDED', [JUDGE]: 'TERMINAL', 'Promote the new image to production': 'NOT_STARTED' });
    expect(stageByRef(e, 'rel').status).toBe('TERMINAL');
    expect(await rig.imageOf(name)).toBe('registry.example/web:1');
    await eventually(async () => ((await rig.leftovers(name)).length === 0 ? true : undefined), 30_000, 'baseline and canary deleted');
    await eventually(async () => ((await rig.weights(name)).join() === '100,0,0' ? true : undefined), 30_000, 'weights restored');
    expect(await rig.imageOf(name)).toBe('registry.example/web:1');
  }, 200_000);
});
