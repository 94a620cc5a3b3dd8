import type { MetricSettings } from '../metric-config';
import { boundaries, sideWeights, type KindEvaluation } from './evaluation';
import { shareConfidenceSequence, shareEstimate, shareLogEValue, type ShareObservation } from './share-test';
import type { CountInterval } from './state';

/** One interval of a count metric: events per side, and the canary's share of exposure (null when unknown). */
export interface CountLook {
  canaryEvents: number;
  baselineEvents: number;
  canaryShare: number | null;
  /** Why this interval has no usable data, if it has none. */
  missing?: string;
}

const observationsOf = (intervals: readonly CountInterval[]): ShareObservation[] =>
  intervals.map((i) => ({ events: i.canaryEvents + i.baselineEvents, canaryEvents: i.canaryEvents, canaryShare: i.canaryShare }));

/**
 * A count metric (errors, restarts, any counter): the canary's share of its events against its
 * share of exposure, per interval (share-test.ts). Failing needs the rate ratio to be shown beyond
 * the allowed change: the test's null is "ratio ≤ allowedIncrease" (or ≥ allowedDecrease).
 */
export function evaluateCount(metric: MetricSettings, previous: readonly CountInterval[], look: CountLook, logThreshold: number, withIntervals: boolean): { intervals: CountInterval[]; evaluation: KindEvaluation } {
  const usable = look.missing === undefined && look.canaryShare !== null && look.canaryShare > 0 && look.canaryShare < 1;
  const intervals = usable ? [...previous, { canaryEvents: look.canaryEvents, baselineEvents: look.baselineEvents, canaryShare: look.canaryShare as number }] : [...previous];
  const observations = observationsOf(intervals);
  const b = boundaries(metric);
  const w = sideWeights(metric.direction);
  const components = [
    { name: 'rate up', label: 'High' as const, weight: w.up, logE: shareLogEValue(observations, Math.log(b.up), 'up'), criticalLogE: shareLogEValue(observations, Math.log(b.criticalUp), 'up') },
    { name: 'rate down', label: 'Low' as const, weight: w.down, logE: shareLogEValue(observations, Math.log(b.down), 'down'), criticalLogE: shareLogEValue(observations, Math.log(b.criticalDown), 'down') },
  ].filter((c) => c.weight > 0);
  const estimate = shareEstimate(observations);
  const cs = withIntervals ? shareConfidenceSequence(observations, logThreshold) : { lower: null, upper: null };
  const canaryShare = intervals.length > 0 ? intervals.reduce((s, i) => s + i.canaryShare, 0) / intervals.length : null;
  return {
    intervals,
    evaluation: {
      hasData: usable,
      ...(usable ? {} : { missing: look.missing ?? 'no exposure (requests) on one side, so the canary\'s expected share is unknown' }),
      components,
      effect: { label: 'rate ratio canary ÷ baseline (per unit of exposure)', estimate: estimate === null ? null : Math.exp(estimate), lower: cs.lower, upper: cs.upper, scale: 'ratio' },
      deviation: estimate === null ? null : Math.exp(estimate),
      amount: { canary: look.canaryEvents, baseline: look.baselineEvents, unit: 'events' },
      description: `the canary's share of the events ${metric.name} counts against its ${canaryShare === null ? '' : `${(canaryShare * 100).toFixed(1)} % `}share of exposure (anytime-valid Poisson-process test, Lindon & Malek 2022)`,
    },
  };
}
