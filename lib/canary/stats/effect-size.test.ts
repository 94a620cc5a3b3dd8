import { describe, expect, it } from 'vitest';
import reference from '@/e2e/fixtures/canary/effect-sizes.json';
import { cles, meanRatio } from './effect-size';
import { sortAscending } from './sort';

const sorted = (values: readonly number[]): Float64Array => sortAscending(Float64Array.from(values));

describe('effect sizes against scipy-derived references', () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      // CLES = U / (n·m) with U from scipy.stats.mannwhitneyu.
      expect(cles(sorted(c.canary), sorted(c.baseline))).toBeCloseTo(c.expected.cles, 12);
      const ratio = meanRatio(Float64Array.from(c.canary), Float64Array.from(c.baseline));
      if (c.expected.meanRatio === null) expect(ratio).toBeNaN();
      else expect(ratio).toBe(c.expected.meanRatio);
    });
  }
});

describe('meanRatio', () => {
  it('is NaN when either mean is exactly zero (the effect-size gate is then skipped)', () => {
    expect(meanRatio([0, 0], [1, 2])).toBeNaN();
    expect(meanRatio([1, 2], [-1, 1])).toBeNaN();
    expect(meanRatio([3, 3], [1, 2])).toBe(2);
  });
});

describe('cles', () => {
  it('counts ties as one half', () => {
    expect(cles(sorted([1, 2]), sorted([1, 2]))).toBe(0.5);
    expect(cles(sorted([2]), sorted([1, 2, 3]))).toBe(0.5);
    expect(cles(sorted([5, 6]), sorted([1, 2]))).toBe(1);
  });
});
