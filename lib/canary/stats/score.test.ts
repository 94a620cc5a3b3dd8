import { describe, expect, it } from 'vitest';
import { classifyScore, groupScores, roundHalfUp, summaryScore, type Scorable } from './score';
import type { MetricClassification } from './types';

const thresholds = { pass: 75, marginal: 50 };

function result(classification: MetricClassification, groups: string[], extra: Partial<Scorable> = {}): Scorable {
  return { classification, classificationReason: `${classification} reason`, critical: false, groups, muted: false, ...extra };
}

function score(results: Scorable[], weights: Record<string, number> = {}) {
  const unmuted = results.filter((r) => !r.muted);
  const groups = groupScores(unmuted, weights);
  return { groups, summary: summaryScore(results, groups, thresholds) };
}

describe('roundHalfUp (BigDecimal of the shortest decimal form, HALF_UP)', () => {
  it('rounds the printed decimal, not the binary value', () => {
    expect(roundHalfUp(66.665, 2)).toBe(66.67); // the double is 66.66499999…; Math.round would give 66.66
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(83.33333333333333, 2)).toBe(83.33);
    expect(roundHalfUp(66.66666666666667, 2)).toBe(66.67);
    expect(roundHalfUp(99.995, 2)).toBe(100);
    expect(roundHalfUp(0.004, 2)).toBe(0);
    expect(roundHalfUp(0.005, 2)).toBe(0.01);
    expect(roundHalfUp(50, 2)).toBe(50);
    expect(roundHalfUp(-2.345, 2)).toBe(-2.35);
  });
});

describe('group scores', () => {
  it('count Pass among Pass, High, Low and NodataFailMetric; Nodata and Error do not count', () => {
    const { groups } = score([
      result('Pass', ['a']),
      result('High', ['a']),
      result('Nodata', ['a']),
      result('Error', ['a']),
      result('NodataFailMetric', ['a']),
      result('Pass', ['a']),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: 'a', score: 50, noData: false, weight: 100 });
    expect(groups[0]!.counts).toEqual({ Pass: 2, High: 1, Low: 0, Nodata: 1, NodataFailMetric: 1, Error: 1 });
  });

  it('put a metric in every group it lists and none if it lists none', () => {
    const { groups } = score([result('Pass', ['a', 'b']), result('Low', ['b']), result('High', [])]);
    expect(groups.map((g) => [g.name, g.score])).toEqual([
      ['a', 100],
      ['b', 50],
    ]);
  });

  it('mark a group with nothing countable as noData with score 0', () => {
    const { groups } = score([result('Nodata', ['a']), result('Pass', ['b']), result('Pass', ['b'])]);
    expect(groups[0]).toMatchObject({ name: 'a', score: 0, noData: true });
  });

  it('share the weight left over by configured groups among the others', () => {
    const { groups } = score([result('Pass', ['a']), result('Pass', ['b']), result('Pass', ['c'])], { a: 50, z: 20 });
    expect(groups.map((g) => [g.name, g.weight])).toEqual([
      ['a', 50],
      ['b', 15],
      ['c', 15],
    ]);
  });
});

describe('summary score', () => {
  it('is the weighted sum of group scores, rounded half-up to 2 decimals', () => {
    const results = [result('Pass', ['lat']), result('Pass', ['lat']), result('High', ['lat']), result('Pass', ['err'])];
    const { summary } = score(results, { lat: 50, err: 50 });
    // 66.666…·0.5 + 100·0.5 = 83.333… → 83.33
    expect(summary).toMatchObject({ score: 83.33, classification: 'Pass' });
    expect(summary.classificationReason).toContain('lat 66.67 × 50%');
  });

  it('counts a no-data group as 100 and lets a weight without results contribute nothing', () => {
    const results = [result('Nodata', ['a']), result('Pass', ['b']), result('High', ['b']), result('Pass', ['b'])];
    // a: noData → 100·0.3; b: 66.67·0.5; c (weight 20) has no results. 30 + 33.333… = 63.33
    expect(score(results, { a: 30, b: 50, c: 20 }).summary).toMatchObject({ score: 63.33, classification: 'Marginal' });
  });

  it('is 0 with the first failing result’s reason when a critical metric fails', () => {
    const results = [
      result('Pass', ['a']),
      result('High', ['a'], { critical: true, classificationReason: 'cpu was classified as High (Critical): …' }),
      result('Low', ['a'], { critical: true, classificationReason: 'second' }),
    ];
    expect(score(results).summary).toEqual({ score: 0, classification: 'Fail', classificationReason: 'Canary Failed: cpu was classified as High (Critical): …' });
  });

  it('is 0 when half or more of the metrics are Nodata (NodataFailMetric does not count)', () => {
    expect(score([result('Nodata', ['a']), result('Pass', ['a'])]).summary).toMatchObject({ score: 0, classification: 'Fail' });
    expect(score([result('Nodata', ['a']), result('Pass', ['a'])]).summary.classificationReason).toContain('50% or more metrics returned NODATA');
    expect(score([result('Nodata', ['a']), result('Pass', ['a']), result('Pass', ['a'])]).summary.score).toBe(100);
    expect(score([result('NodataFailMetric', ['a']), result('Pass', ['a'])]).summary.score).toBe(50);
  });

  it('checks critical failure before the Nodata rule', () => {
    const results = [result('Nodata', ['a'], { critical: true, classificationReason: 'Missing data for x' }), result('Pass', ['a'])];
    expect(score(results).summary.classificationReason).toBe('Canary Failed: Missing data for x');
  });

  it('leaves muted results out of every rule', () => {
    const results = [result('High', ['a'], { muted: true, critical: true }), result('Nodata', ['b'], { muted: true }), result('Pass', ['a'])];
    expect(score(results).summary).toMatchObject({ score: 100, classification: 'Pass' });
    expect(score([result('High', ['a'], { muted: true })]).summary).toMatchObject({ score: 0, classificationReason: 'No unmuted metric results to score' });
  });
});

describe('classifyScore', () => {
  it('uses ≥ pass, then ≥ marginal', () => {
    expect(classifyScore(75, thresholds)).toBe('Pass');
    expect(classifyScore(74.99, thresholds)).toBe('Marginal');
    expect(classifyScore(50, thresholds)).toBe('Marginal');
    expect(classifyScore(49.99, thresholds)).toBe('Fail');
  });
});
