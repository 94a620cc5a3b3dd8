import { InputError } from '../../errors';
import type { CanaryConfig, CanaryMetricConfig } from './canary-config';
import { classifyMetric, DEFAULT_JUDGE_SETTINGS, type JudgeSettings } from './classify';
import { describe, finiteOrNull } from './descriptive';
import type { JudgeInput, MetricSetPair } from './input';
import { resolveMetricSettings } from './metric-config';
import { hashSeed, seededRandom, type RandomSource } from './noise';
import { groupScores, summaryScore } from './score';
import { transformSample } from './transforms';
import type { JudgeResult, MetricResult } from './types';

export const JUDGE_NAME = 'NetflixACAJudge-v1.0';

export interface JudgeOptions {
  /** Source for the degenerate-ties jitter; by default seeded from the metric name and tags. */
  random?: RandomSource;
}

function asSetting(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** Request settings win over the config's `judge.judgeConfigurations`, which win over Kayenta's constants. */
export function resolveJudgeSettings(input: Pick<JudgeInput, 'config' | 'judge'>): JudgeSettings {
  const configured = input.config.judge?.judgeConfigurations ?? {};
  return {
    confidenceLevel: input.judge?.confidenceLevel ?? asSetting(configured.confidenceLevel) ?? DEFAULT_JUDGE_SETTINGS.confidenceLevel,
    tolerance: input.judge?.tolerance ?? asSetting(configured.tolerance) ?? DEFAULT_JUDGE_SETTINGS.tolerance,
  };
}

function findMetric(config: CanaryConfig, pair: MetricSetPair, index: number): CanaryMetricConfig {
  // Kayenta takes the first metric with the pair's name.
  const metric = config.metrics.find((m) => m.name === pair.name);
  if (!metric) throw new InputError(`No metric config for metricSetPairs[${index}] "${pair.name}"`, [{ path: `metricSetPairs[${index}].name`, message: `no metric named "${pair.name}" in config.metrics` }]);
  return metric;
}

/** Judges one metric set pair: transforms, classification and the evidence behind it. */
export function judgeMetric(config: CanaryConfig, pair: MetricSetPair, index: number, judgeSettings: JudgeSettings, options: JudgeOptions = {}): MetricResult {
  const metric = resolveMetricSettings(findMetric(config, pair, index));
  const transform = { nanStrategy: metric.nanStrategy, outlierStrategy: metric.outlierStrategy, outlierFactor: metric.outlierFactor };
  const experiment = transformSample(pair.values.experiment, transform);
  const control = transformSample(pair.values.control, transform);
  const random = options.random ?? seededRandom(hashSeed(`${pair.name}\u0000${JSON.stringify(pair.tags)}`));
  const verdict = classifyMetric(experiment, control, metric, judgeSettings, random);
  return {
    id: pair.id ?? null,
    name: pair.name,
    tags: pair.tags,
    groups: metric.groups,
    muted: metric.muted,
    direction: metric.direction,
    classification: verdict.classification,
    classificationReason: verdict.reason,
    critical: verdict.critical,
    criticalMetric: metric.critical,
    mustHaveData: metric.mustHaveData,
    deviation: finiteOrNull(verdict.deviation),
    confidenceInterval: verdict.interval && {
      lower: finiteOrNull(verdict.interval.lower),
      upper: finiteOrNull(verdict.interval.upper),
      level: judgeSettings.confidenceLevel,
    },
    estimate: verdict.estimate === null ? null : finiteOrNull(verdict.estimate),
    bound: verdict.bound === null ? null : finiteOrNull(verdict.bound),
    tolerance: judgeSettings.tolerance,
    effectSize: { ...metric.effectSize, value: finiteOrNull(verdict.effect) },
    noiseAdded: verdict.noiseAdded,
    control: { stats: describe(control.values, control.sorted), transforms: control.summary },
    experiment: { stats: describe(experiment.values, experiment.sorted), transforms: experiment.summary },
  };
}

/**
 * Kayenta's NetflixACAJudge over validated input (see parseJudgeInput): every metric set pair is
 * classified on its own, then group scores, the summary score and its Pass/Marginal/Fail label.
 */
export function judge(input: JudgeInput, options: JudgeOptions = {}): JudgeResult {
  const settings = resolveJudgeSettings(input);
  const results = input.metricSetPairs.map((pair, i) => judgeMetric(input.config, pair, i, settings, options));
  const weights = input.config.classifier?.groupWeights ?? {};
  const groups = groupScores(
    results.filter((r) => !r.muted),
    weights,
  );
  const thresholds = { pass: input.thresholds.pass, marginal: input.thresholds.marginal };
  return {
    judgeName: JUDGE_NAME,
    score: summaryScore(results, groups, thresholds),
    groupScores: groups,
    results,
    thresholds,
    settings,
  };
}
