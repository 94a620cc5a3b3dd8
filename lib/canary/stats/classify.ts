import { cles, meanRatio } from './effect-size';
import { mannWhitney } from './mann-whitney';
import type { MetricSettings } from './metric-config';
import { addNoise, type RandomSource } from './noise';
import { ShiftedRanks } from './ranks';
import * as reasons from './reason';
import { sortAscending } from './sort';
import type { MetricClassification, TransformSummary } from './types';

/** Judge-wide settings; Kayenta hard-codes 0.98 and 0.25, Foresail lets a config override them. */
export interface JudgeSettings {
  confidenceLevel: number;
  tolerance: number;
}

export const DEFAULT_JUDGE_SETTINGS: JudgeSettings = { confidenceLevel: 0.98, tolerance: 0.25 };

/** One side after the transforms. */
export interface Side {
  values: Float64Array;
  sorted: Float64Array;
  summary: TransformSummary;
}

export interface Classified {
  classification: MetricClassification;
  reason: string;
  critical: boolean;
  /** Mean ratio; NaN when undefined. */
  deviation: number;
  interval: { lower: number; upper: number } | null;
  estimate: number | null;
  bound: number | null;
  /** Measured effect size; NaN when undefined or not computed. */
  effect: number;
  noiseAdded: boolean;
}

const untested = { interval: null, estimate: null, bound: null, effect: Number.NaN, noiseAdded: false };

function sameSorted(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function distinctCount(sorted: Float64Array, limit: number): number {
  let count = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length && count <= limit; i++) if (sorted[i] !== sorted[i - 1]) count++;
  return count;
}

/**
 * Kayenta's MannWhitneyClassifier (reference §1.6), checks in its order. `canary` is the experiment,
 * `baseline` the control, both already transformed.
 */
export function classifyMetric(canary: Side, baseline: Side, metric: MetricSettings, judge: JudgeSettings, random: RandomSource): Classified {
  // 1. No data on either side.
  if (canary.values.length === 0 || baseline.values.length === 0) {
    const missing = { canary: canary.values.length === 0 ? canary.summary : null, baseline: baseline.values.length === 0 ? baseline.summary : null };
    if (metric.nanStrategy === 'replace') {
      return { classification: 'Pass', reason: reasons.emptyWithReplace(metric, missing), critical: false, deviation: Number.NaN, ...untested };
    }
    const failMetric = metric.mustHaveData && !metric.critical;
    return {
      classification: failMetric ? 'NodataFailMetric' : 'Nodata',
      reason: reasons.missingData(metric, missing),
      critical: failMetric ? false : metric.critical,
      deviation: Number.NaN,
      ...untested,
    };
  }
  // 2. Identical samples, 3. one value on both sides: nothing to test (Kayenta reports a ratio of 1).
  if (sameSorted(canary.sorted, baseline.sorted)) {
    return { classification: 'Pass', reason: reasons.identical(canary.sorted.length), critical: false, deviation: 1, ...untested };
  }
  const canaryDistinct = distinctCount(canary.sorted, 1);
  const baselineDistinct = distinctCount(baseline.sorted, 1);
  if (canaryDistinct === 1 && baselineDistinct === 1 && canary.sorted[0] === baseline.sorted[0]) {
    return { classification: 'Pass', reason: reasons.singleValue(canary.sorted[0] as number), critical: false, deviation: 1, ...untested };
  }
  // 4. One value per side: every shift would tie everything, so jitter both sides first.
  const noiseAdded = canaryDistinct === 1 && baselineDistinct === 1;
  const c = noiseAdded ? addNoise(canary.values, random) : canary.values;
  const b = noiseAdded ? addNoise(baseline.values, random) : baseline.values;
  const cSorted = noiseAdded ? sortAscending(c.slice()) : canary.sorted;
  const bSorted = noiseAdded ? sortAscending(b.slice()) : baseline.sorted;
  try {
    return decide(c, b, cSorted, bSorted, metric, judge, noiseAdded);
  } catch (err) {
    // 10. Kayenta turns any failure of the test (e.g. all observations tied) into Error.
    const detail = err instanceof Error ? err.message : String(err);
    return { classification: 'Error', reason: reasons.failed(detail), critical: false, deviation: Number.NaN, ...untested, noiseAdded };
  }
}

function decide(
  c: Float64Array,
  b: Float64Array,
  cSorted: Float64Array,
  bSorted: Float64Array,
  metric: MetricSettings,
  judge: JudgeSettings,
  noiseAdded: boolean,
): Classified {
  // 5. Interval, estimate and the relative margin around zero.
  const ranks = new ShiftedRanks(cSorted, bSorted);
  const mw = mannWhitney(cSorted, bSorted, judge.confidenceLevel, ranks);
  const bound = judge.tolerance * Math.abs(mw.estimate);
  const deviation = meanRatio(c, b);
  const thresholds = metric.effectSize;
  const effect = thresholds.measure === 'cles' ? cles(cSorted, bSorted, ranks) : deviation;
  const facts: reasons.TestFacts = { metric, judge, interval: mw, bound, effect, canarySorted: cSorted, baselineSorted: bSorted };
  const evidence = { interval: { lower: mw.lower, upper: mw.upper }, estimate: mw.estimate, bound, effect, deviation, noiseAdded };
  const allowsIncrease = metric.direction !== 'decrease';
  const allowsDecrease = metric.direction !== 'increase';
  // An undefined effect (NaN, e.g. a zero baseline mean) skips the effect-size gate: the CI alone decides.
  const unknown = Number.isNaN(effect);

  // 6. High: the whole interval lies above +bound and the effect is large enough.
  if (allowsIncrease && mw.lower > bound && (unknown || effect >= thresholds.allowedIncrease)) {
    // 9. A critical metric fails the run only when the effect also reaches the critical threshold.
    const critical = metric.critical && (unknown || effect >= thresholds.criticalIncrease);
    return { classification: 'High', reason: reasons.shifted('High', facts, critical), critical, ...evidence };
  }
  // 7. Low: the whole interval lies below −bound and the effect is small enough.
  if (allowsDecrease && mw.upper < -bound && (unknown || effect <= thresholds.allowedDecrease)) {
    const critical = metric.critical && (unknown || effect <= thresholds.criticalDecrease);
    return { classification: 'Low', reason: reasons.shifted('Low', facts, critical), critical, ...evidence };
  }
  // 8. Pass, with the reason saying which condition was not met.
  return { classification: 'Pass', reason: reasons.passed(facts), critical: false, ...evidence };
}
