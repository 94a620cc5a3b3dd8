import { describe, expect, it } from 'vitest';
import { aboveCounts, addBuckets, bucketQuantile, bucketsFrom, parseBound, totalCount } from './histogram';

describe('histogram buckets', () => {
  const buckets = bucketsFrom(
    new Map([
      [0.1, 50],
      [0.5, 90],
      [Number.POSITIVE_INFINITY, 100],
      [0.25, 80],
    ]),
  );

  it('orders bounds and reads totals and counts above each finite bound', () => {
    expect(buckets.bounds).toEqual([0.1, 0.25, 0.5, Number.POSITIVE_INFINITY]);
    expect(totalCount(buckets)).toBe(100);
    expect(aboveCounts(buckets)).toEqual([50, 20, 10]);
    expect(parseBound('+Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseBound('0.25')).toBe(0.25);
  });

  it('interpolates quantiles inside the bucket as histogram_quantile does', () => {
    // Rank 50 is the top of the first bucket [0, 0.1]; rank 65 lies halfway through (0.1, 0.25].
    expect(bucketQuantile(buckets, 0.5)).toBeCloseTo(0.1, 12);
    expect(bucketQuantile(buckets, 0.65)).toBeCloseTo(0.175, 12);
    // Rank 95 is in the +Inf bucket: the highest finite bound.
    expect(bucketQuantile(buckets, 0.95)).toBe(0.5);
  });

  it('repairs a bucket that came out lower than the one below it, and adds intervals', () => {
    const bumpy = bucketsFrom(new Map([[0.1, 10], [0.2, 9.5], [Number.POSITIVE_INFINITY, 12]]));
    expect(bumpy.cumulative).toEqual([10, 10, 12]);
    expect(addBuckets(bumpy, bumpy).cumulative).toEqual([20, 20, 24]);
  });
});
