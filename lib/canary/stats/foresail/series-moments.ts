import { z } from 'zod';

/**
 * Running moments of one gauge series, enough for its mean, variance and lag-1 autocovariance,
 * accumulated interval by interval without keeping the points. Values are stored shifted by the
 * first value seen, so sums of squares of large readings (bytes, nanoseconds) lose no precision.
 * Consecutive intervals are treated as one contiguous series (the lag product links them).
 */
export const seriesMomentsSchema = z.object({
  n: z.number(),
  shift: z.number(),
  sum: z.number(),
  sumSq: z.number(),
  lagSum: z.number(),
  first: z.number(),
  last: z.number(),
});
export type SeriesMoments = z.infer<typeof seriesMomentsSchema>;

export const emptyMoments = (): SeriesMoments => ({ n: 0, shift: 0, sum: 0, sumSq: 0, lagSum: 0, first: 0, last: 0 });

export function addValues(previous: SeriesMoments, values: ArrayLike<number>): SeriesMoments {
  // Locals rather than object fields in the loop: this runs over every point of every gauge.
  let { n, shift, sum, sumSq, lagSum, first, last } = previous;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (n === 0) shift = value;
    const d = value - shift;
    if (n > 0) lagSum += last * d;
    else first = d;
    sum += d;
    sumSq += d * d;
    last = d;
    n += 1;
  }
  return { n, shift, sum, sumSq, lagSum, first, last };
}

export const momentMean = (m: SeriesMoments): number => m.shift + m.sum / m.n;

/** Sample variance (n − 1), 0 for fewer than two points. */
export function momentVariance(m: SeriesMoments): number {
  if (m.n < 2) return 0;
  const mean = m.sum / m.n;
  return Math.max(0, (m.sumSq - m.n * mean * mean) / (m.n - 1));
}

/** Lag-0 and lag-1 autocovariances (denominator n, the usual estimator). */
export function autocovariances(m: SeriesMoments): { gamma0: number; gamma1: number } {
  if (m.n < 2) return { gamma0: 0, gamma1: 0 };
  const mean = m.sum / m.n;
  const gamma0 = Math.max(0, m.sumSq / m.n - mean * mean);
  const gamma1 = (m.lagSum - mean * (m.sum - m.last) - mean * (m.sum - m.first) + (m.n - 1) * mean * mean) / m.n;
  return { gamma0, gamma1 };
}

/**
 * Lag-1 autocorrelation pooled over both sides (under "no difference" they are one process), with
 * Kendall's first-order bias correction for a series of length n with estimated mean,
 * E[φ̂] ≈ φ − (1 + 3φ)/n (Kendall 1954; Marriott & Pope 1954), clamped to [0, 0.99]: a negative
 * estimate is treated as independence, which only makes the test more conservative.
 */
export function pooledAutocorrelation(a: SeriesMoments, b: SeriesMoments): number {
  const x = autocovariances(a);
  const y = autocovariances(b);
  const denominator = x.gamma0 * a.n + y.gamma0 * b.n;
  if (!(denominator > 0)) return 0;
  const raw = (x.gamma1 * a.n + y.gamma1 * b.n) / denominator;
  const n = (a.n + b.n) / 2;
  const corrected = raw + (1 + 3 * raw) / n;
  return Math.max(0, Math.min(0.99, corrected));
}
