/**
 * Prometheus histograms as the judge receives them: one metric set pair per `le` bucket bound, each
 * point the number of requests at or below the bound during one step (`sum by (le)
 * (increase(x_bucket[<step>]))`). Summing the points of an interval gives cumulative bucket counts.
 */

export interface Buckets {
  /** Upper bounds, ascending; the last is +Inf. */
  bounds: number[];
  /** Requests at or below each bound (cumulative, non-decreasing). */
  cumulative: number[];
}

export function parseBound(le: string): number {
  const text = le.trim().toLowerCase();
  if (text === '+inf' || text === 'inf') return Number.POSITIVE_INFINITY;
  return Number(text);
}

/**
 * Bucket counts from per-bound totals. Cumulative counts are made non-decreasing (Prometheus'
 * `increase()` extrapolates each bucket separately, so a higher bound can come out a hair lower).
 */
export function bucketsFrom(totals: ReadonlyMap<number, number>): Buckets {
  const bounds = [...totals.keys()].sort((a, b) => a - b);
  const cumulative: number[] = [];
  let running = 0;
  for (const bound of bounds) {
    running = Math.max(running, Math.max(0, totals.get(bound) ?? 0));
    cumulative.push(running);
  }
  return { bounds, cumulative };
}

export const totalCount = (b: Buckets): number => (b.cumulative.length > 0 ? (b.cumulative[b.cumulative.length - 1] as number) : 0);

/**
 * The q-quantile by linear interpolation inside its bucket, as PromQL's `histogram_quantile` does
 * (the first bucket starts at 0; a quantile in the +Inf bucket is the highest finite bound).
 */
export function bucketQuantile(b: Buckets, q: number): number | null {
  const total = totalCount(b);
  if (!(total > 0)) return null;
  const rank = q * total;
  for (let i = 0; i < b.bounds.length; i++) {
    const upper = b.bounds[i] as number;
    const count = b.cumulative[i] as number;
    if (count >= rank) {
      if (!Number.isFinite(upper)) return i > 0 ? (b.bounds[i - 1] as number) : null;
      const lower = i > 0 ? (b.bounds[i - 1] as number) : 0;
      const below = i > 0 ? (b.cumulative[i - 1] as number) : 0;
      const inBucket = count - below;
      return inBucket > 0 ? lower + ((upper - lower) * (rank - below)) / inBucket : upper;
    }
  }
  return null;
}

/** Adds two bucket sets with the same bounds (the running totals kept across intervals). */
export function addBuckets(a: Buckets, b: Buckets): Buckets {
  if (a.bounds.length === 0) return b;
  const totals = new Map<number, number>();
  a.bounds.forEach((bound, i) => totals.set(bound, (a.cumulative[i] as number) + (valueAt(b, bound) ?? 0)));
  return bucketsFrom(totals);
}

function valueAt(b: Buckets, bound: number): number | undefined {
  const i = b.bounds.indexOf(bound);
  return i < 0 ? undefined : b.cumulative[i];
}

/** Requests slower than each finite bound (the "slow request" counters the share test uses). */
export function aboveCounts(b: Buckets): number[] {
  const total = totalCount(b);
  return b.cumulative.slice(0, -1).map((c) => total - c);
}
