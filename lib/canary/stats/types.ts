/**
 * Result shapes of the canary judge. Field names follow Kayenta's `CanaryJudgeResult` where one exists
 * (score, groupScores, results[].classification/classificationReason/critical) so reports and API
 * clients written for Kayenta read them unchanged; the extra fields are the evidence behind each verdict.
 * Numbers that are undefined (a mean ratio with a zero mean, a CI that was never computed) are `null`,
 * never NaN, so the result survives JSON unchanged.
 */
import type { ForesailState } from './foresail/state';

export const metricClassifications = ['Pass', 'High', 'Low', 'Nodata', 'NodataFailMetric', 'Error'] as const;
export type MetricClassification = (typeof metricClassifications)[number];

export type ScoreClassification = 'Pass' | 'Marginal' | 'Fail';
export type Direction = 'increase' | 'decrease' | 'either';
export type NanStrategy = 'remove' | 'replace';
export type OutlierStrategy = 'remove' | 'keep';
export type EffectSizeMeasure = 'meanRatio' | 'cles';

/** Summary statistics of one side after the transforms (Kayenta's `stats` plus the median). */
export interface SideStats {
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** Sample standard deviation (n − 1); 0 for a single value. */
  std: number | null;
}

/** What the transforms did to one side, so a reader can tell "no data" from "all filtered out". */
export interface TransformSummary {
  /** Points received, before any transform. */
  received: number;
  nanStrategy: NanStrategy;
  /** NaN points dropped (strategy remove). */
  nanRemoved: number;
  /** NaN points turned into 0 (strategy replace). */
  nanReplaced: number;
  outlierStrategy: OutlierStrategy;
  outlierFactor: number;
  outliersRemoved: number;
  /** IQR fences used, when outlier removal ran on a non-empty sample. */
  fences: { lower: number; upper: number } | null;
}

export interface SideEvidence {
  stats: SideStats;
  transforms: TransformSummary;
}

export interface EffectSizeEvidence {
  measure: EffectSizeMeasure;
  /** The measured effect; null when undefined (e.g. a zero mean), in which case the thresholds are skipped. */
  value: number | null;
  allowedIncrease: number;
  allowedDecrease: number;
  criticalIncrease: number;
  criticalDecrease: number;
}

export interface MetricResult {
  /** The metric set pair's id, when the request gave one. */
  id: string | null;
  name: string;
  tags: Record<string, string>;
  groups: string[];
  /** Muted metrics are classified and reported but left out of every score. */
  muted: boolean;
  direction: Direction;
  classification: MetricClassification;
  classificationReason: string;
  /** True when this result fails the whole run (a critical metric that is High, Low or Nodata). */
  critical: boolean;
  /** The metric is configured as critical (whether or not this result escalated). */
  criticalMetric: boolean;
  mustHaveData: boolean;
  /** Mean ratio canary/baseline (Kayenta's `resultMetadata.ratio`, shown as a deviation). */
  deviation: number | null;
  /** Mann-Whitney confidence interval of the shift canary − baseline; null when the test did not run. */
  confidenceInterval: { lower: number | null; upper: number | null; level: number } | null;
  /** Shift estimate (root of the rank statistic); null when the test did not run. */
  estimate: number | null;
  /** tolerance·|estimate|: the CI must clear +bound for High or −bound for Low. */
  bound: number | null;
  tolerance: number;
  effectSize: EffectSizeEvidence;
  /** True when both sides held one value each and Kayenta's tiny Gaussian noise was added before the test. */
  noiseAdded: boolean;
  control: SideEvidence;
  experiment: SideEvidence;
  /** foresail-v1 only: the sequential test behind the verdict. Absent in Kayenta-mode results. */
  sequential?: SequentialEvidence;
}

/** One e-value behind a foresail-v1 verdict (e.g. "mean up", "spread up", "slower than 0.25"). */
export interface EvidenceComponent {
  name: string;
  /** log10 of its e-value this interval (finite; ±1e6 caps overflow). */
  log10E: number;
}

/**
 * The anytime-valid evidence of one metric under foresail-v1: the test, its e-value against the
 * threshold 1/α′ (α′ = α / metrics tested), the anytime-valid p-value, and the effect with its
 * confidence sequence (valid at every interval at once).
 */
export interface SequentialEvidence {
  test: 'share' | 'histogram' | 'gauge';
  /** What was tested, in words. */
  description: string;
  /** Intervals judged so far (this result is after `look` of them). */
  look: number;
  log10E: number;
  log10Threshold: number;
  /** min(1, 1 / largest e-value so far): valid however often it was looked at. */
  pValue: number;
  /** The interval at which the metric failed (it stays failed), or null. */
  failedAt: number | null;
  components: EvidenceComponent[];
  effect: { label: string; estimate: number | null; lower: number | null; upper: number | null; scale: 'ratio' | 'difference' } | null;
  /** Histograms: quantiles of both sides over all intervals so far. */
  quantiles?: { q: number; baseline: number | null; canary: number | null }[];
  /** Data judged in this interval: points (gauges), events (counts) or requests (histograms). */
  amount: { canary: number; baseline: number; unit: string };
}

export interface GroupScore {
  name: string;
  /** 100·Pass/(Pass + High + Low + NodataFailMetric); 0 when that total is 0. Not rounded. */
  score: number;
  /** No countable result in the group; the summary then counts the group as 100. */
  noData: boolean;
  /** Weight (percent) the summary gave this group. */
  weight: number;
  counts: Record<MetricClassification, number>;
  /** Kept empty like Kayenta's group scores. */
  classification: '';
  classificationReason: '';
}

export interface SummaryScore {
  /** 0–100, rounded half-up to 2 decimals. */
  score: number;
  classification: ScoreClassification;
  classificationReason: string;
}

export interface JudgeResult {
  judgeName: string;
  score: SummaryScore;
  groupScores: GroupScore[];
  results: MetricResult[];
  thresholds: { pass: number; marginal: number };
  settings: { confidenceLevel: number; tolerance: number };
  /** foresail-v1 only: the run-wide sequential facts and the state to pass to the next interval. */
  sequential?: SequentialRun;
}

export interface SequentialRun {
  look: number;
  alpha: number;
  metricsTested: number;
  log10Threshold: number;
  /** True when this interval's result ends the analysis (a failure that later intervals cannot undo). */
  stop: boolean;
  state: ForesailState;
}
