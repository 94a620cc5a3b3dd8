import { describe, expect, it } from 'vitest';
import type { CanaryMetricConfig } from './canary-config';
import { classifyMetric, DEFAULT_JUDGE_SETTINGS, type Side } from './classify';
import { formatCompared, formatNumber } from './format';
import { mannWhitney } from './mann-whitney';
import { resolveMetricSettings } from './metric-config';
import { seededRandom } from './noise';
import { transformSample } from './transforms';

type Canary = NonNullable<NonNullable<CanaryMetricConfig['analysisConfigurations']>['canary']>;

function metric(canary: Canary = {}) {
  return resolveMetricSettings({ name: 'm', groups: ['g'], analysisConfigurations: { canary } });
}

function side(values: number[], nanStrategy: 'remove' | 'replace' = 'remove'): Side {
  return transformSample(values, { nanStrategy, outlierStrategy: 'keep', outlierFactor: 3 });
}

function classify(canary: number[], baseline: number[], config: Canary = {}, random = seededRandom(1)) {
  const settings = metric(config);
  return classifyMetric(side(canary, settings.nanStrategy), side(baseline, settings.nanStrategy), settings, DEFAULT_JUDGE_SETTINGS, random);
}

const base = Array.from({ length: 40 }, (_, i) => 100 + (i % 5));
const plus = (values: number[], d: number): number[] => values.map((v) => v + d);

describe('classifyMetric: no data', () => {
  it('is Nodata when a side is empty after removing NaN', () => {
    const r = classify([Number.NaN, Number.NaN], base);
    expect(r).toMatchObject({ classification: 'Nodata', critical: false, interval: null, estimate: null });
    expect(r.reason).toMatch(/^Missing data for m: the canary has no values \(2 received, 2 NaN removed\)/);
  });

  it('a critical metric with no data is critical (it fails the run)', () => {
    expect(classify([], base, { critical: true })).toMatchObject({ classification: 'Nodata', critical: true });
  });

  it('mustHaveData turns it into NodataFailMetric, unless the metric is critical', () => {
    expect(classify(base, [], { mustHaveData: true })).toMatchObject({ classification: 'NodataFailMetric', critical: false });
    expect(classify(base, [], { mustHaveData: true, critical: true })).toMatchObject({ classification: 'Nodata', critical: true });
  });

  it('passes an empty side under nanStrategy replace', () => {
    const r = classify([], base, { nanStrategy: 'replace', critical: true, mustHaveData: true });
    expect(r).toMatchObject({ classification: 'Pass', critical: false });
    expect(r.reason).toContain('replace');
  });
});

describe('classifyMetric: nothing to test', () => {
  it('passes identical samples (order does not matter) with a ratio of 1', () => {
    const r = classify([3, 1, 2], [2, 3, 1]);
    expect(r).toMatchObject({ classification: 'Pass', deviation: 1, interval: null });
    expect(r.reason).toBe('The Canary and Baseline data are identical (3 values each after the transforms)');
  });

  it('passes when both sides hold one and the same value', () => {
    expect(classify([7, 7, 7], [7, 7])).toMatchObject({ classification: 'Pass', deviation: 1, interval: null });
  });
});

describe('classifyMetric: degenerate ties', () => {
  it('adds noise when each side holds a single value, and the label does not depend on the draw', () => {
    for (const seed of [1, 2, 3, 42]) {
      const r = classify(Array(20).fill(5), Array(20).fill(3), {}, seededRandom(seed));
      expect(r).toMatchObject({ classification: 'High', noiseAdded: true });
      expect(r.deviation).toBeCloseTo(5 / 3, 3);
    }
  });

  it('is Error when the noise cannot break the ties (a zero side gets no noise)', () => {
    const r = classify([0, 0, 0], [5]);
    expect(r).toMatchObject({ classification: 'Error', critical: false, noiseAdded: true });
    expect(r.reason).toBe('Metric Classification Failed: cannot compute confidence interval when all observations are tied');
  });
});

describe('classifyMetric: the interval decides', () => {
  it('High when the CI lies above +tolerance·|estimate|', () => {
    const r = classify(plus(base, 10), base);
    expect(r.classification).toBe('High');
    expect(r.interval!.lower).toBeGreaterThan(r.bound!);
    expect(r.bound).toBe(0.25 * Math.abs(r.estimate!));
    expect(r.reason).toMatch(/^m was classified as High: /);
  });

  it('Low when the CI lies below −tolerance·|estimate|', () => {
    const r = classify(plus(base, -10), base);
    expect(r.classification).toBe('Low');
    expect(r.interval!.upper).toBeLessThan(-r.bound!);
  });

  it('Pass when the CI straddles the bounds, and the reason says so', () => {
    const r = classify([101, 103, 100, 104, 102, 99, 105], base);
    expect(r.classification).toBe('Pass');
    expect(r.reason).toContain('lies neither entirely above');
  });

  it('the relative margin lets a large but uncertain shift pass (spinnaker#6278)', () => {
    const r = classify([1, 1, 1, 100, 100, 100, 100, 100, 100, 100], Array(10).fill(1));
    expect(r.classification).toBe('Pass');
    expect(r.interval!.lower).toBeLessThan(r.bound!);
  });

  it('direction limits which side can fail', () => {
    const up = classify(plus(base, 10), base, { direction: 'decrease' });
    expect(up.classification).toBe('Pass');
    expect(up.reason).toContain('only a decrease fails this metric');
    const down = classify(plus(base, -10), base, { direction: 'increase' });
    expect(down.classification).toBe('Pass');
    expect(down.reason).toContain('only an increase fails this metric');
    expect(classify(plus(base, -10), base, { direction: 'sideways' }).classification).toBe('Low'); // unknown → either
  });
});

describe('classifyMetric: effect sizes', () => {
  const shifted = plus(base, 3); // mean ratio ≈ 1.029, clearly significant

  it('a mean ratio below allowedIncrease downgrades High to Pass', () => {
    expect(classify(shifted, base).classification).toBe('High');
    const r = classify(shifted, base, { effectSize: { allowedIncrease: 1.05 } });
    expect(r.classification).toBe('Pass');
    expect(r.reason).toContain('is below the allowed increase 1.05, so the increase is too small to count');
  });

  it('a mean ratio above allowedDecrease downgrades Low to Pass', () => {
    const r = classify(plus(base, -3), base, { effectSize: { allowedDecrease: 0.95 } });
    expect(r.classification).toBe('Pass');
    expect(r.reason).toContain('above the allowed decrease 0.95');
    expect(classify(plus(base, -3), base, { effectSize: { allowedDecrease: 0.99 } }).classification).toBe('Low');
  });

  it('an undefined mean ratio (zero baseline mean) skips the gate', () => {
    const baseline = Array.from({ length: 40 }, (_, i) => (i % 5) - 2); // mean exactly 0
    const r = classify(plus(baseline, 5), baseline, { effectSize: { allowedIncrease: 100 } });
    expect(r).toMatchObject({ classification: 'High' });
    expect(r.deviation).toBeNaN();
    expect(r.reason).toContain('undefined');
  });

  it('CLES is used when configured, with ½ as the neutral default', () => {
    const r = classify(shifted, base, { effectSize: { measure: 'cles' } });
    expect(r.classification).toBe('High');
    expect(r.effect).toBeGreaterThan(0.5);
    expect(r.deviation).toBeCloseTo(105 / 102, 12); // the deviation stays the mean ratio
    expect(classify(shifted, base, { effectSize: { measure: 'cles', allowedIncrease: 0.99 } }).classification).toBe('Pass');
  });
});

describe('classifyMetric: critical escalation', () => {
  it('a critical High at or above criticalIncrease fails the run', () => {
    const r = classify(plus(base, 10), base, { critical: true, effectSize: { criticalIncrease: 1.05 } });
    expect(r).toMatchObject({ classification: 'High', critical: true });
    expect(r.reason).toMatch(/^m was classified as High \(Critical\): /);
  });

  it('a critical High below criticalIncrease stays High without failing the run', () => {
    const r = classify(plus(base, 3), base, { critical: true, effectSize: { criticalIncrease: 1.2 } });
    expect(r).toMatchObject({ classification: 'High', critical: false });
    expect(r.reason).toContain('does not reach the critical increase 1.2');
  });

  it('a critical Low at or below criticalDecrease fails the run', () => {
    expect(classify(plus(base, -10), base, { critical: true })).toMatchObject({ classification: 'Low', critical: true });
    expect(classify(plus(base, -3), base, { critical: true, effectSize: { criticalDecrease: 0.9 } })).toMatchObject({ classification: 'Low', critical: false });
  });

  it('a non-critical metric never escalates', () => {
    expect(classify(plus(base, 10), base)).toMatchObject({ classification: 'High', critical: false });
  });
});

describe('classification reasons name the deciding numbers', () => {
  it('High: interval, bound, estimate, medians and the effect size', () => {
    const canary = plus(base, 10);
    const r = classify(canary, base);
    const mw = mannWhitney(Float64Array.from(canary).sort(), Float64Array.from(base).sort(), 0.98);
    const [lower, bound] = formatCompared(mw.lower, 0.25 * Math.abs(mw.estimate));
    expect(r.reason).toContain(`98% confidence interval of the shift [${lower}, ${formatNumber(mw.upper)}]`);
    expect(r.reason).toContain(`above +${bound}`);
    expect(r.reason).toContain(`25% of |estimate ${formatNumber(mw.estimate)}|`);
    expect(r.reason).toContain('canary median 112 vs baseline median 102');
    expect(r.reason).toContain(`mean ratio ${formatNumber(r.deviation)}`);
  });

  it('Pass: the interval and both bounds it failed to clear', () => {
    const r = classify([101, 103, 100, 104, 102, 99, 105], base);
    const [, above] = formatCompared(r.interval!.lower, r.bound!);
    const [, below] = formatCompared(r.interval!.upper, -r.bound!);
    expect(r.reason).toContain(`above +${above} nor entirely below ${below}`);
  });
});
