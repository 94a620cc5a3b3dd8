/**
 * Foresail's canary judges: a faithful TypeScript port of Kayenta's NetflixACAJudge (see
 * ../shared/reference/canary-judge.md) and foresail-v1, the sequential, anytime-valid judge
 * (./foresail; `judgeByConfig` picks by the config's `judge.name`). Pure and isomorphic: the server
 * judges with them and the browser report draws from the same functions.
 */
export { judge, judgeMetric, resolveJudgeSettings, JUDGE_NAME, type JudgeOptions } from './judge';
export { parseJudgeInput, judgeInputSchema, metricSetPairSchema, metricValuesSchema, type JudgeInput, type JudgeInputJson, type MetricSetPair } from './input';
export {
  canaryConfigSchema,
  canaryMetricSchema,
  canaryAnalysisSchema,
  metricQuerySchema,
  type CanaryConfig,
  type CanaryConfigInput,
  type CanaryMetricConfig,
} from './canary-config';
export { resolveMetricSettings, type MetricSettings } from './metric-config';
export { classifyMetric, DEFAULT_JUDGE_SETTINGS, type JudgeSettings } from './classify';
export { mannWhitney, AllObservationsTiedError, type MannWhitneyResult } from './mann-whitney';
export { meanRatio, cles } from './effect-size';
export { transformSample, percentile, iqrFences, type TransformedSample } from './transforms';
export { mean, sampleStd, sortedMedian, describe } from './descriptive';
export { groupScores, summaryScore, classifyScore, roundHalfUp, type ScoreThresholds } from './score';
export { normalQuantile } from './normal';
export { seededRandom, hashSeed, type RandomSource } from './noise';
export { zeroin } from './zeroin';
export { sortAscending } from './sort';
export { ShiftedRanks, type RankStats } from './ranks';
export { formatNumber } from './format';
export * from './types';
export { formatEValue } from './foresail/verdict';
export { judgeByConfig } from './judges';
export { FORESAIL_JUDGE, KAYENTA_JUDGE, judgeNames, type JudgeName } from './foresail/settings';
