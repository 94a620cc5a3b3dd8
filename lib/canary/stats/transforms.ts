import { sortAscending } from './sort';
import type { NanStrategy, OutlierStrategy, TransformSummary } from './types';

/** A sample after the transforms, in arrival order and sorted (the rank statistics need the latter). */
export interface TransformedSample {
  values: Float64Array;
  sorted: Float64Array;
  summary: TransformSummary;
}

export interface TransformOptions {
  nanStrategy: NanStrategy;
  outlierStrategy: OutlierStrategy;
  outlierFactor: number;
}

/**
 * Percentile with linear interpolation between order statistics (Hyndman-Fan type 7, what R, numpy
 * and Excel's PERCENTILE.INC use by default), evaluated like commons-math's R_7 estimator:
 * pos = 1 + (n − 1)·p/100, result = x[⌊pos⌋] + frac(pos)·(x[⌊pos⌋+1] − x[⌊pos⌋]) with 1-based x.
 * `sorted` must be ascending and non-empty.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const q = p / 100;
  const pos = q === 0 ? 0 : q === 1 ? n : 1 + (n - 1) * q;
  if (pos < 1) return sorted[0] as number;
  if (pos >= n) return sorted[n - 1] as number;
  const floor = Math.floor(pos);
  const lower = sorted[floor - 1] as number;
  const upper = sorted[floor] as number;
  return lower + (pos - floor) * (upper - lower);
}

/**
 * Tukey's IQR fences with Kayenta's "reduced sensitivity": each fence is widened to at least the 1st /
 * 99th percentile, so a sample with a tiny IQR (e.g. mostly constant latency) never loses its tails.
 */
export function iqrFences(sorted: ArrayLike<number>, factor: number): { lower: number; upper: number } {
  const q1 = percentile(sorted, 25);
  const q3 = percentile(sorted, 75);
  const iqr = q3 - q1;
  return {
    lower: Math.min(percentile(sorted, 1), q1 - factor * iqr),
    upper: Math.max(percentile(sorted, 99), q3 + factor * iqr),
  };
}

/**
 * Kayenta's transforms for one side, in its order: NaN handling, then (optionally) IQR outlier removal.
 * −0 is read as 0: JSON producers emit it by accident, and a signed zero must not count as a distinct
 * value or rank below 0.
 */
export function transformSample(raw: readonly number[], options: TransformOptions): TransformedSample {
  const replace = options.nanStrategy === 'replace';
  const kept = new Float64Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const x = raw[i] as number;
    if (x !== x) {
      if (replace) kept[n++] = 0;
    } else {
      kept[n++] = x === 0 ? 0 : x;
    }
  }
  const nanCount = replace ? 0 : raw.length - n;
  let values = kept.subarray(0, n);
  let sorted = sortAscending(values.slice());
  let fences: { lower: number; upper: number } | null = null;
  let outliersRemoved = 0;
  if (options.outlierStrategy === 'remove' && n > 0) {
    const f = iqrFences(sorted, options.outlierFactor);
    fences = f;
    // Strict comparisons: a point exactly on a fence stays. What remains is a contiguous run of `sorted`.
    let lo = 0;
    let hi = n;
    while (lo < hi && (sorted[lo] as number) < f.lower) lo++;
    while (hi > lo && (sorted[hi - 1] as number) > f.upper) hi--;
    outliersRemoved = n - (hi - lo);
    if (outliersRemoved > 0) {
      values = values.filter((x) => !(x < f.lower || x > f.upper));
      sorted = sorted.subarray(lo, hi);
    }
  }
  const nanReplaced = replace ? countNaN(raw) : 0;
  return {
    values,
    sorted,
    summary: {
      received: raw.length,
      nanStrategy: options.nanStrategy,
      nanRemoved: nanCount,
      nanReplaced,
      outlierStrategy: options.outlierStrategy,
      outlierFactor: options.outlierFactor,
      outliersRemoved,
      fences: fences && Number.isFinite(fences.lower) && Number.isFinite(fences.upper) ? fences : null,
    },
  };
}

function countNaN(raw: readonly number[]): number {
  let count = 0;
  for (const x of raw) if (x !== x) count++;
  return count;
}
