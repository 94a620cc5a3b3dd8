import { describe, expect, it } from 'vitest';
import { InputError } from '../../../errors';
import { canaryConfigSchema, type CanaryConfigInput } from '../canary-config';
import { parseJudgeInput, type MetricSetPair } from '../input';
import { judgeByConfig } from '../judges';
import { seededRandom } from '../noise';
import { judgeForesail } from './judge';
import { foresailStateSchema, type ForesailState } from './state';

const foresail = { name: 'foresail-v1', judgeConfigurations: {} };
const thresholds = { pass: 95, marginal: 75 };

function config(metrics: CanaryConfigInput['metrics'], extra: Partial<CanaryConfigInput> = {}) {
  return canaryConfigSchema.parse({ judge: foresail, metrics, classifier: { groupWeights: { all: 100 } }, ...extra });
}
const metric = (name: string, canary: Record<string, unknown> = {}) => ({ name, groups: ['all'], analysisConfigurations: { canary: { direction: 'increase', ...canary } } });
const pair = (name: string, control: number[], experiment: number[], tags: Record<string, string> = {}): MetricSetPair => ({ id: `${name}#${JSON.stringify(tags)}`, name, tags, values: { control, experiment } });

/** Runs intervals through the judge, passing the state along as JSON (as the stage stores it). */
function runIntervals(cfg: ReturnType<typeof config>, intervals: MetricSetPair[][]) {
  let state: ForesailState | undefined;
  return intervals.map((pairs) => {
    const result = judgeForesail({ config: cfg, metricSetPairs: pairs, thresholds }, { state });
    state = foresailStateSchema.parse(JSON.parse(JSON.stringify(result.sequential?.state)));
    return result;
  });
}

const counts = (n: number, mean: number, random: () => number) => Array.from({ length: n }, () => (random() < mean ? 1 : 0));

describe('foresail-v1 judge', () => {
  it('names itself, and Kayenta stays the judge of configs that name none', () => {
    const cfg = config([metric('cpu')]);
    const result = judgeByConfig({ config: cfg, metricSetPairs: [pair('cpu', [1, 2, 3, 2], [2, 1, 3, 2])], thresholds });
    expect(result.judgeName).toBe('foresail-v1');
    const kayenta = judgeByConfig({ config: canaryConfigSchema.parse({ metrics: [metric('cpu')] }), metricSetPairs: [pair('cpu', [1, 2, 3, 2], [2, 1, 3, 2])], thresholds });
    expect(kayenta.judgeName).toBe('NetflixACAJudge-v1.0');
    expect(kayenta.sequential).toBeUndefined();
    expect(kayenta.results[0]?.sequential).toBeUndefined();
  });

  it('refuses an unknown judge name, naming the field', () => {
    const cfg = canaryConfigSchema.parse({ judge: { name: 'dredd-v1.0' }, metrics: [metric('cpu')] });
    expect(() => judgeByConfig({ config: cfg, metricSetPairs: [], thresholds })).toThrow(InputError);
    const parsed = parseJudgeInput({ config: { judge: { name: 'dredd-v1.0' }, metrics: [metric('cpu')] }, metricSetPairs: [], thresholds });
    expect('issues' in parsed && parsed.issues[0]?.path).toBe('config.judge.name');
  });

  it('stops a doubled error rate early (critical metric), with the rate ratio and its confidence sequence, and keeps it failed', () => {
    const random = seededRandom(1);
    const cfg = config([metric('errors', { critical: true, foresail: { kind: 'count', exposure: 'requests' } }), metric('requests', { muted: true, foresail: { kind: 'count' } })]);
    const interval = () => [pair('errors', counts(40, 0.3, random), counts(40, 0.9, random)), pair('requests', Array(40).fill(50), Array(40).fill(50))];
    const results = runIntervals(cfg, [interval(), interval(), interval()]);
    const first = results.findIndex((r) => r.score.score === 0);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThanOrEqual(1);
    const failedAt = results[first];
    const errors = failedAt?.results.find((r) => r.name === 'errors');
    expect(errors?.classification).toBe('High');
    expect(errors?.critical).toBe(true);
    expect(failedAt?.sequential?.stop).toBe(true);
    expect(errors?.sequential?.effect?.estimate).toBeGreaterThan(1.5);
    expect(errors?.sequential?.effect?.lower).toBeGreaterThan(1);
    expect(errors?.classificationReason).toMatch(/classified as High \(Critical\)/);
    expect(results[2]?.results.find((r) => r.name === 'errors')?.sequential?.failedAt).toBe(first + 1);
  });

  it('passes identical error counts and leaves the muted exposure metric out of the score', () => {
    const random = seededRandom(2);
    const cfg = config([metric('errors', { critical: true, foresail: { kind: 'count', exposure: 'requests' } }), metric('requests', { muted: true, foresail: { kind: 'count' } })]);
    const interval = () => [pair('errors', counts(40, 0.1, random), counts(40, 0.1, random)), pair('requests', Array(40).fill(50), Array(40).fill(50))];
    const last = runIntervals(cfg, [interval(), interval(), interval()])[2];
    expect(last?.score.classification).toBe('Pass');
    expect(last?.sequential?.metricsTested).toBe(1);
    expect(last?.results.find((r) => r.name === 'errors')?.sequential?.pValue).toBeGreaterThan(0.05);
  });

  it('finds a tail-only regression in a histogram and reads the direction from the quantiles', () => {
    const bounds = ['0.1', '0.25', '0.5', '1', '+Inf'];
    // Cumulative counts per bound for one step: the canary has 8 % of requests above 0.5 s, the baseline 1 %.
    const base = [500, 900, 990, 1000, 1000];
    const slow = [500, 880, 920, 990, 1000];
    const pairs = bounds.map((le, i) => pair('latency', Array(10).fill(base[i] as number), Array(10).fill(slow[i] as number), { le }));
    const cfg = config([metric('latency', { critical: true })]);
    const [result] = runIntervals(cfg, [pairs]);
    const latency = result?.results[0];
    expect(latency?.sequential?.test).toBe('histogram');
    expect(latency?.classification).toBe('High');
    expect(latency?.sequential?.quantiles?.find((q) => q.q === 0.5)?.canary).toBeCloseTo(latency?.sequential?.quantiles?.find((q) => q.q === 0.5)?.baseline ?? 0, 6);
    expect(latency?.tags).toEqual({});
  });

  it('flags a doubled variance in a gauge even when the means agree', () => {
    const random = seededRandom(3);
    const g = (sd: number) => Array.from({ length: 120 }, () => 100 + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
    const [result] = runIntervals(config([metric('cpu')]), [[pair('cpu', g(10), g(25))]]);
    expect(result?.results[0]?.classification).toBe('High');
    expect(result?.results[0]?.sequential?.components.find((c) => c.name === 'spread up')?.log10E).toBeGreaterThan(2);
  });

  it('never passes for lack of data: fail, marginal (score capped below pass) or ignore, per metric', () => {
    // Three metrics, so one without data stays under Kayenta's "50 % or more Nodata" rule.
    const noData = (policy: string) => config([metric('cpu'), metric('disk'), metric('mem', { foresail: { noData: policy } })]);
    const cpu = [pair('cpu', [1, 2, 3, 2, 1], [2, 1, 3, 2, 1]), pair('disk', [5, 6, 5, 7, 6], [6, 5, 7, 5, 6])];
    const [marginal] = runIntervals(noData('marginal'), [cpu]);
    expect(marginal?.results.find((r) => r.name === 'mem')?.classification).toBe('Nodata');
    expect(marginal?.score.classification).toBe('Marginal');
    expect(marginal?.score.classificationReason).toMatch(/no data for mem/);
    const [failed] = runIntervals(noData('fail'), [cpu]);
    expect(failed?.results.find((r) => r.name === 'mem')?.classification).toBe('NodataFailMetric');
    expect(failed?.score.classification).toBe('Fail');
    const [ignored] = runIntervals(noData('ignore'), [cpu]);
    expect(ignored?.score.classification).toBe('Pass');
    expect(ignored?.sequential?.metricsTested).toBe(2);
  });

  it('accumulates evidence over intervals rather than judging each window alone', () => {
    const random = seededRandom(4);
    const g = (mean: number) => Array.from({ length: 20 }, () => mean + 10 * (random() - 0.5));
    const results = runIntervals(config([metric('latency')]), Array.from({ length: 5 }, () => [pair('latency', g(100), g(103))]));
    const evidence = results.map((r) => r.results[0]?.sequential?.log10E ?? 0);
    expect(evidence[4]).toBeGreaterThan(evidence[0] as number);
    expect(results[4]?.results[0]?.sequential?.look).toBe(5);
  });
});
