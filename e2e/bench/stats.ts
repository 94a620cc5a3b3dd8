/**
 * The one way the benchmarks summarise repeated measurements: the nearest-rank percentile (the
 * smallest value with at least p of all values at or below it, so always a value that was measured),
 * and the median as its 50th percentile (the lower middle value of an even count). NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);
