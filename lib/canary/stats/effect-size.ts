import { mean } from './descriptive';
import { ShiftedRanks } from './ranks';

/**
 * Effect sizes used to gate High/Low (reference §1.5). Both take the canary (experiment) and the
 * baseline (control) after the transforms.
 */

/**
 * mean(canary) / mean(baseline). NaN when either mean is exactly 0: Kayenta then skips the effect-size
 * thresholds rather than comparing against an infinite or zero ratio.
 */
export function meanRatio(canary: ArrayLike<number>, baseline: ArrayLike<number>): number {
  const c = mean(canary);
  const b = mean(baseline);
  if (c === 0 || b === 0) return Number.NaN;
  return c / b;
}

/**
 * Common-language effect size (Vargha-Delaney A): P(canary > baseline) + ½·P(tie), i.e.
 * (2·R₁ − m(m+1)) / (2·n·m) with R₁ the canary rank sum in the pooled sample. 2·R₁ − m(m+1) is 2·U.
 */
export function cles(canarySorted: Float64Array, baselineSorted: Float64Array, ranks = new ShiftedRanks(canarySorted, baselineSorted)): number {
  const m = canarySorted.length;
  const n = baselineSorted.length;
  const { twiceU } = ranks.at(0);
  return twiceU / (2 * n * m);
}
