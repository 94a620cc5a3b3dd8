import { decideFinal, decideInterval } from '../plan/decision';
import type { ForesailState } from '../stats/foresail/state';
import type { CanaryConfig, JudgeInput, JudgeResult, MetricSetPair } from '../stats';
import { judgeByConfig } from '../stats/judges';

/** One interval's data: Kayenta judges the whole window so far, foresail-v1 only what is new. */
export interface IntervalData {
  /** The window Kayenta's judge sees at this interval (growing: from the start). */
  window: MetricSetPair[];
  /** The points since the previous interval (what foresail-v1 adds to its evidence). */
  segment: MetricSetPair[];
  canaryTrafficShare?: number | undefined;
}

export interface AnalysisOutcome {
  passed: boolean;
  /** The interval at which the verdict was reached (an early stop, or the last interval). */
  decidedAt: number;
  stoppedEarly: boolean;
  scores: number[];
  last: JudgeResult;
}

/**
 * A whole canary analysis with either judge, deciding as the kayentaCanary stage does (Orca's
 * rules): an interval at or below marginal stops it and fails; otherwise the last interval's score
 * must reach pass. foresail-v1 carries its state from interval to interval. Used by the judgment
 * quality benchmark and by the A/A check, so both measure what a pipeline would decide.
 */
export function runAnalysis(config: CanaryConfig, thresholds: JudgeInput['thresholds'], intervals: readonly IntervalData[], options: { confidenceSequences?: boolean } = {}): AnalysisOutcome {
  let state: ForesailState | undefined;
  const scores: number[] = [];
  let last: JudgeResult | undefined;
  for (let i = 0; i < intervals.length; i++) {
    const data = intervals[i] as IntervalData;
    const foresail = config.judge?.name === 'foresail-v1';
    const result = judgeByConfig({ config, thresholds, metricSetPairs: foresail ? data.segment : data.window }, { state, canaryTrafficShare: data.canaryTrafficShare, confidenceSequences: options.confidenceSequences ?? true });
    state = result.sequential?.state;
    scores.push(result.score.score);
    last = result;
    const early = decideInterval(result.score.score, i + 1, thresholds);
    if (!early.proceed) return { passed: false, decidedAt: i + 1, stoppedEarly: i + 1 < intervals.length, scores, last };
  }
  if (!last) throw new Error('an analysis needs at least one interval');
  return { passed: decideFinal(last.score.score, thresholds).passed, decidedAt: intervals.length, stoppedEarly: false, scores, last };
}
