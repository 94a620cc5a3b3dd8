import { describe, expect, it } from 'vitest';
import reference from '@/e2e/fixtures/canary/transforms.json';
import { describe as describeSide } from './descriptive';
import { iqrFences, percentile, transformSample } from './transforms';

const keep = { nanStrategy: 'remove', outlierStrategy: 'keep', outlierFactor: 3 } as const;

describe('percentile (R-7) and IQR fences against numpy-checked references', () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const sorted = Float64Array.from(c.values).sort();
      for (const [p, expected] of Object.entries(c.expected.percentiles)) expect(percentile(sorted, Number(p))).toBe(expected);
      const fences = iqrFences(sorted, c.outlierFactor);
      expect(fences.lower).toBe(c.expected.lower);
      expect(fences.upper).toBe(c.expected.upper);

      const t = transformSample(c.values, { ...keep, outlierStrategy: 'remove', outlierFactor: c.outlierFactor });
      expect(t.summary.outliersRemoved).toBe(c.expected.removed);
      expect(t.values.length).toBe(c.expected.kept);
      const stats = describeSide(t.values, t.sorted);
      // The mean uses commons-math's corrected two-pass formula, bit for bit.
      expect(stats.mean).toBe(c.expected.mean);
      expect(Math.abs(stats.mean! - c.expected.numpyMean)).toBeLessThan(1e-9 * Math.max(1, Math.abs(c.expected.numpyMean)));
      expect(stats.median).toBe(c.expected.median);
      expect(Math.abs(stats.std! - c.expected.std)).toBeLessThan(1e-9 * Math.max(1, c.expected.std));
      expect(stats.min).toBe(c.expected.min);
      expect(stats.max).toBe(c.expected.max);
    });
  }
});

describe('transformSample', () => {
  it('removes NaN by default and reports how many', () => {
    const t = transformSample([1, Number.NaN, 2, Number.NaN], keep);
    expect(Array.from(t.values)).toEqual([1, 2]);
    expect(t.summary).toMatchObject({ received: 4, nanRemoved: 2, nanReplaced: 0, outliersRemoved: 0, fences: null });
  });

  it('replaces NaN with 0 under nanStrategy replace', () => {
    const t = transformSample([Number.NaN, 3, Number.NaN], { ...keep, nanStrategy: 'replace' });
    expect(Array.from(t.values)).toEqual([0, 3, 0]);
    expect(Array.from(t.sorted)).toEqual([0, 0, 3]);
    expect(t.summary).toMatchObject({ nanRemoved: 0, nanReplaced: 2 });
  });

  it('drops outliers strictly outside the widened fences and keeps arrival order', () => {
    const values = [10, 11, 10, 12, 11, 10, 500, 11, 10, 12];
    const t = transformSample(values, { ...keep, outlierStrategy: 'remove' });
    expect(t.summary.outliersRemoved).toBe(1);
    expect(Array.from(t.values)).toEqual([10, 11, 10, 12, 11, 10, 11, 10, 12]);
    expect(Array.from(t.sorted)).toEqual([10, 10, 10, 10, 11, 11, 11, 12, 12]);
    expect(t.summary.fences).not.toBeNull();
  });

  it('keeps a point lying exactly on a fence', () => {
    // n = 5: P25 = 2, P75 = 4, IQR = 2 → Q3 + 1·IQR = 6 beats P99 = 5.92.
    const t = transformSample([1, 2, 3, 4, 6], { ...keep, outlierStrategy: 'remove', outlierFactor: 1 });
    expect(t.summary.fences?.upper).toBe(6);
    expect(t.summary.outliersRemoved).toBe(0);
  });

  it('outlier removal runs after NaN handling (replaced zeros can be outliers)', () => {
    const values = [...Array.from({ length: 40 }, (_, i) => 100 + (i % 5)), Number.NaN];
    const t = transformSample(values, { nanStrategy: 'replace', outlierStrategy: 'remove', outlierFactor: 3 });
    // The single 0 sits below the 1st percentile fence, so it goes.
    expect(t.summary).toMatchObject({ nanReplaced: 1, outliersRemoved: 1 });
  });

  it('reads −0 as 0', () => {
    const t = transformSample([-0, 0], keep);
    expect(Object.is(t.values[0], 0)).toBe(true);
  });

  it('reports zeros for an empty side, like Kayenta', () => {
    const t = transformSample([Number.NaN], keep);
    expect(describeSide(t.values, t.sorted)).toEqual({ count: 0, mean: 0, median: 0, min: 0, max: 0, std: 0 });
  });
});
