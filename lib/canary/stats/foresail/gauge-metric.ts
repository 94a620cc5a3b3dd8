import type { MetricSettings } from '../metric-config';
import { boundaries, sideWeights, type Component, type KindEvaluation } from './evaluation';
import { sortAscending } from '../sort';
import { compareMeans, meanConfidenceSequence, meanLogEValue, spreadValues } from './gauge-test';
import { addValues, emptyMoments } from './series-moments';
import type { MetricState } from './state';

type GaugeState = NonNullable<MetricState['gauge']>;

/**
 * A gauge series: two anytime-valid mean comparisons (gauge-test.ts), half the e-value budget each.
 * - level: canary mean against the baseline mean scaled by the allowed change (up, down or both by
 *   the metric's direction);
 * - spread: the canary's mean distance from a frozen centre against the baseline's, one-sided (a
 *   more variable canary is worse whatever the direction; kayenta#780). Reported as High, or Low
 *   for a metric that fails on decrease (its low values got worse).
 */
export function evaluateGauge(metric: MetricSettings, previous: GaugeState | undefined, canary: Float64Array, baseline: Float64Array, logThreshold: number, sorted?: { canary: Float64Array; baseline: Float64Array }): { state: GaugeState; evaluation: KindEvaluation } {
  const centre = previous?.centre ?? (canary.length + baseline.length > 0 ? pooledMedian(sorted?.canary ?? sortAscending(canary.slice()), sorted?.baseline ?? sortAscending(baseline.slice())) : null);
  const state: GaugeState = {
    centre,
    canary: addValues(previous?.canary ?? emptyMoments(), canary),
    baseline: addValues(previous?.baseline ?? emptyMoments(), baseline),
    canarySpread: centre === null ? (previous?.canarySpread ?? emptyMoments()) : addValues(previous?.canarySpread ?? emptyMoments(), spreadValues(canary, centre)),
    baselineSpread: centre === null ? (previous?.baselineSpread ?? emptyMoments()) : addValues(previous?.baselineSpread ?? emptyMoments(), spreadValues(baseline, centre)),
  };
  const b = boundaries(metric);
  const w = sideWeights(metric.direction);
  const plain = compareMeans(state.canary, state.baseline, 1);
  const hasData = plain !== null && canary.length > 0 && baseline.length > 0;
  const components: Component[] = [];
  if (plain) {
    const level = (boundary: number, side: 'up' | 'down') => meanLogEValue(compareMeans(state.canary, state.baseline, boundary) ?? plain, side);
    if (w.up > 0) components.push({ name: 'mean up', label: 'High', weight: w.up / 2, logE: level(b.up, 'up'), criticalLogE: level(b.criticalUp, 'up') });
    if (w.down > 0) components.push({ name: 'mean down', label: 'Low', weight: w.down / 2, logE: level(b.down, 'down'), criticalLogE: level(b.criticalDown, 'down') });
    const spreadBoundary = metric.direction === 'decrease' ? 1 / b.down : b.up;
    const spreadCritical = metric.direction === 'decrease' ? 1 / b.criticalDown : b.criticalUp;
    const spread = (boundary: number) => {
      const cmp = compareMeans(state.canarySpread, state.baselineSpread, boundary);
      return cmp ? meanLogEValue(cmp, 'up') : 0;
    };
    components.push({ name: 'spread up', label: metric.direction === 'decrease' ? 'Low' : 'High', weight: 0.5, logE: spread(spreadBoundary), criticalLogE: spread(spreadCritical) });
  }
  const cs = plain ? meanConfidenceSequence(plain, logThreshold) : null;
  return {
    state,
    evaluation: {
      hasData,
      ...(hasData ? {} : { missing: `too few points (canary ${state.canary.n}, baseline ${state.baseline.n}; at least 3 each) or none in this interval` }),
      components,
      effect: plain && cs ? { label: 'mean difference canary − baseline', estimate: plain.difference, lower: cs.lower, upper: cs.upper, scale: 'difference' } : null,
      deviation: plain && plain.baselineMean !== 0 ? plain.canaryMean / plain.baselineMean : null,
      amount: { canary: canary.length, baseline: baseline.length, unit: 'points' },
      description: `means and spreads of ${metric.name}, allowing for autocorrelation (lag-1 ${plain ? plain.autocorrelation.toFixed(2) : 'n/a'}; anytime-valid normal mixture)`,
    },
  };
}

/** Median of two ascending samples taken together, by walking both to the middle (no third sort). */
function pooledMedian(a: Float64Array, b: Float64Array): number {
  const n = a.length + b.length;
  let i = 0;
  let j = 0;
  let previous = Number.NaN;
  let current = Number.NaN;
  for (let k = 0; k <= n >> 1; k++) {
    previous = current;
    current = j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number)) ? (a[i++] as number) : (b[j++] as number);
  }
  return n % 2 === 1 ? current : (previous + current) / 2;
}
