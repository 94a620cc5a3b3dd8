import type { MetricSettings } from '../metric-config';
import { boundaries, sideWeights, type Component, type KindEvaluation } from './evaluation';
import { aboveCounts, addBuckets, bucketQuantile, bucketsFrom, totalCount, type Buckets } from './histogram';
import { shareConfidenceSequence, shareEstimate, shareLogEValue, type ShareObservation } from './share-test';
import { boundFromJson, boundToJson, type MetricState } from './state';

type HistogramState = NonNullable<MetricState['histogram']>;
const QUANTILES = [0.5, 0.9, 0.99];

/**
 * A latency (or size) histogram: equality in distribution tested on binned counts (Lindon, Sanden &
 * Shirikian, KDD 2022, §4, tests on binned data), made concrete as the share tests of share-test.ts,
 * one per bucket bound b: under "same distribution", a request slower than b is a canary request
 * with the same probability as any request (the canary's share of all requests in that interval).
 * A tail-only regression (p99 up, median unchanged) moves the upper bounds' shares and nothing else;
 * a median test would not see it. The combined e-value averages the bounds (equal weights, fixed by
 * the bucket layout before any data), which keeps it an e-value. Direction "increase" tests
 * "canary over-represented above b"; "decrease" tests "over-represented at or below b".
 * Practical significance is read from quantile differences: a failure also needs some quantile
 * (p50, p90, p99) of the canary beyond the baseline's by the allowed change.
 */
export function evaluateHistogram(
  metric: MetricSettings,
  previous: HistogramState | undefined,
  look: { canary: ReadonlyMap<number, number>; baseline: ReadonlyMap<number, number>; missing?: string },
  logThreshold: number,
  withIntervals: boolean,
): { state: HistogramState | undefined; evaluation: KindEvaluation } {
  const canaryNow = bucketsFrom(look.canary);
  const baselineNow = bucketsFrom(look.baseline);
  const bounds = previous ? previous.bounds.map(boundFromJson) : canaryNow.bounds.filter((b) => baselineNow.bounds.includes(b));
  const restrict = (b: Buckets): Buckets => bucketsFrom(new Map(bounds.map((bound) => [bound, b.cumulative[b.bounds.indexOf(bound)] ?? 0])));
  const c = restrict(canaryNow);
  const bl = restrict(baselineNow);
  const usable = look.missing === undefined && bounds.length >= 2 && totalCount(c) > 0 && totalCount(bl) > 0;
  const intervals = [...(previous?.intervals ?? [])];
  if (usable) intervals.push({ canaryTotal: totalCount(c), baselineTotal: totalCount(bl), canaryAbove: aboveCounts(c), baselineAbove: aboveCounts(bl) });
  const canaryAll = usable ? addBuckets(fromState(bounds, previous?.canary), c) : fromState(bounds, previous?.canary);
  const baselineAll = usable ? addBuckets(fromState(bounds, previous?.baseline), bl) : fromState(bounds, previous?.baseline);
  const state: HistogramState | undefined = bounds.length > 0 ? { bounds: bounds.map(boundToJson), canary: canaryAll.cumulative, baseline: baselineAll.cumulative, intervals } : previous;

  const thresholds = bounds.length - 1;
  const w = sideWeights(metric.direction);
  const components: Component[] = [];
  const observations: { name: string; up: ShareObservation[]; down: ShareObservation[] }[] = [];
  for (let k = 0; k < thresholds; k++) {
    const up = intervals.map((i) => share(i.canaryAbove[k] ?? 0, i.baselineAbove[k] ?? 0, i));
    const down = intervals.map((i) => share(i.canaryTotal - (i.canaryAbove[k] ?? 0), i.baselineTotal - (i.baselineAbove[k] ?? 0), i));
    const bound = bounds[k] as number;
    observations.push({ name: `≤ ${bound}`, up, down });
    if (w.up > 0) {
      const logE = shareLogEValue(up, 0, 'up');
      components.push({ name: `slower than ${bound}`, label: 'High', weight: w.up / thresholds, logE, criticalLogE: logE });
    }
    if (w.down > 0) {
      const logE = shareLogEValue(down, 0, 'up');
      components.push({ name: `at or below ${bound}`, label: 'Low', weight: w.down / thresholds, logE, criticalLogE: logE });
    }
  }
  const quantiles = QUANTILES.map((q) => ({ q, baseline: bucketQuantile(baselineAll, q), canary: bucketQuantile(canaryAll, q) }));
  const ratios = quantiles.flatMap((q) => (q.baseline && q.canary !== null && q.baseline > 0 ? [q.canary / q.baseline] : []));
  const b = boundaries(metric);
  const gate = (label: 'High' | 'Low', level: 'allowed' | 'critical') =>
    label === 'High' ? ratios.some((r) => r >= (level === 'allowed' ? b.up : b.criticalUp)) : ratios.some((r) => r <= (level === 'allowed' ? b.down : b.criticalDown));

  // The effect shown: the share ratio at the bound with the strongest evidence.
  const strongest = components.reduce<Component | null>((best, comp) => (!best || comp.logE > best.logE ? comp : best), null);
  const index = strongest ? components.indexOf(strongest) : -1;
  const chosen = strongest ? observations[Math.floor(index / (w.up > 0 && w.down > 0 ? 2 : 1))] : undefined;
  const obs = chosen ? (strongest?.label === 'High' ? chosen.up : chosen.down) : [];
  const estimate = shareEstimate(obs);
  const cs = withIntervals && obs.length > 0 ? shareConfidenceSequence(obs, logThreshold) : { lower: null, upper: null };
  const meanRatio = quantiles[0]?.baseline && quantiles[0].canary !== null ? quantiles[0].canary / quantiles[0].baseline : null;
  return {
    state,
    evaluation: {
      hasData: usable,
      ...(usable ? {} : { missing: look.missing ?? (bounds.length < 2 ? 'the series carry no histogram buckets (le)' : 'no requests on one side in this interval') }),
      components,
      gate,
      effect: strongest ? { label: `share of requests ${strongest.name}, canary ÷ baseline`, estimate: estimate === null ? null : Math.exp(estimate), lower: cs.lower, upper: cs.upper, scale: 'ratio' } : null,
      quantiles,
      deviation: meanRatio,
      amount: { canary: usable ? totalCount(c) : 0, baseline: usable ? totalCount(bl) : 0, unit: 'requests' },
      description: `equality in distribution of ${metric.name} over ${bounds.length} buckets: the canary's share of requests beyond each bucket bound against its share of all requests (anytime-valid, Lindon et al. 2022)`,
    },
  };
}

function share(canary: number, baseline: number, interval: { canaryTotal: number; baselineTotal: number }): ShareObservation {
  return { events: canary + baseline, canaryEvents: canary, canaryShare: interval.canaryTotal / (interval.canaryTotal + interval.baselineTotal) };
}

function fromState(bounds: readonly number[], cumulative: readonly number[] | undefined): Buckets {
  if (!cumulative || cumulative.length !== bounds.length) return { bounds: [], cumulative: [] };
  return { bounds: [...bounds], cumulative: [...cumulative] };
}

export { QUANTILES as HISTOGRAM_QUANTILES };
