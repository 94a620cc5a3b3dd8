import type { MetricSettings } from '../metric-config';
import type { SequentialEvidence } from '../types';

/** One e-process behind a metric, and the verdict it stands for when it wins. */
export interface Component {
  name: string;
  label: 'High' | 'Low';
  /** Share of the metric's e-value budget (the components' weights sum to 1). */
  weight: number;
  /** ln e-value against the allowed change. */
  logE: number;
  /** ln e-value against the critical change (the same test with the critical boundary). */
  criticalLogE: number;
}

/** What each kind of metric reports for one interval. */
export interface KindEvaluation {
  /** Enough data so far to judge (and this interval brought data on both sides). */
  hasData: boolean;
  /** Why not, when hasData is false. */
  missing?: string;
  components: Component[];
  /** Histograms decide practical significance on quantiles: does a failure of this label clear the allowed (or critical) change? */
  gate?: (label: 'High' | 'Low', level: 'allowed' | 'critical') => boolean;
  effect: SequentialEvidence['effect'];
  quantiles?: SequentialEvidence['quantiles'];
  /** Mean ratio canary/baseline over all intervals, the report's "deviation". */
  deviation: number | null;
  amount: SequentialEvidence['amount'];
  description: string;
}

/** The weights of the up and down sides for a metric's direction. */
export function sideWeights(direction: MetricSettings['direction']): { up: number; down: number } {
  if (direction === 'increase') return { up: 1, down: 0 };
  if (direction === 'decrease') return { up: 0, down: 1 };
  return { up: 0.5, down: 0.5 };
}

/** ln of the weighted sum of component e-values. */
export function combinedLogE(components: readonly Component[], pick: (c: Component) => number): number {
  let top = Number.NEGATIVE_INFINITY;
  for (const c of components) if (c.weight > 0) top = Math.max(top, Math.log(c.weight) + pick(c));
  if (!Number.isFinite(top)) return top;
  let sum = 0;
  for (const c of components) if (c.weight > 0) sum += Math.exp(Math.log(c.weight) + pick(c) - top);
  return top + Math.log(sum);
}

/** Ratio boundaries, never on the wrong side of "no change" (an allowed increase below 1 would flag identical versions). */
export function boundaries(metric: MetricSettings): { up: number; down: number; criticalUp: number; criticalDown: number } {
  // CLES thresholds are probabilities, not ratios: the sequential tests cannot use them.
  const e = metric.effectSize.measure === 'meanRatio' ? metric.effectSize : { allowedIncrease: 1, allowedDecrease: 1, criticalIncrease: 1, criticalDecrease: 1 };
  const up = Math.max(1, e.allowedIncrease);
  const down = Math.min(1, Math.max(e.allowedDecrease, 1e-9));
  return { up, down, criticalUp: Math.max(up, e.criticalIncrease), criticalDown: Math.min(down, Math.max(e.criticalDecrease, 1e-9)) };
}
