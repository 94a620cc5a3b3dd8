import type { SideStats } from './types';

/**
 * Arithmetic mean with the second-pass correction Kayenta gets from commons-math (`StatUtils.mean`):
 * mean = s/n + Σ(xᵢ − s/n)/n. The correction removes most of the rounding error of the plain sum, and
 * using the same formula keeps the mean ratio (the reported deviation) identical to Kayenta's.
 * NaN for an empty sample.
 */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const first = sum / n;
  let correction = 0;
  for (let i = 0; i < n; i++) correction += (values[i] as number) - first;
  return first + correction / n;
}

/**
 * Sample standard deviation (n − 1) with the corrected two-pass variance (commons-math
 * `Variance`): (Σd² − (Σd)²/n)/(n − 1) with d = x − mean. 0 for one value, NaN for none.
 */
export function sampleStd(values: ArrayLike<number>, m = mean(values)): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return 0;
  let squares = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - m;
    squares += d * d;
    sum += d;
  }
  return Math.sqrt((squares - (sum * sum) / n) / (n - 1));
}

/** Median of an ascending-sorted sample (mean of the middle pair for even n). */
export function sortedMedian(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** JSON has no NaN or infinity; undefined statistics travel as null. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * Kayenta's per-side stats, computed after the transforms; an empty side reports zeros like Kayenta.
 * The mean is taken in arrival order (`values`), as Kayenta does, because float sums depend on order.
 */
export function describe(values: Float64Array, sorted: Float64Array): SideStats {
  const n = values.length;
  if (n === 0) return { count: 0, mean: 0, median: 0, min: 0, max: 0, std: 0 };
  const m = mean(values);
  return {
    count: n,
    mean: finiteOrNull(m),
    median: finiteOrNull(sortedMedian(sorted)),
    min: finiteOrNull(sorted[0] as number),
    max: finiteOrNull(sorted[n - 1] as number),
    std: finiteOrNull(sampleStd(values, m)),
  };
}
