import type { CanaryConfig, CanaryMetricConfig } from '../canary-config';
import type { MetricSettings } from '../metric-config';

/** The judges a canary config can name in `judge.name`. Kayenta's stays the default for configs that name none. */
export const KAYENTA_JUDGE = 'NetflixACAJudge-v1.0';
export const FORESAIL_JUDGE = 'foresail-v1';
export const judgeNames = [KAYENTA_JUDGE, FORESAIL_JUDGE] as const;
export type JudgeName = (typeof judgeNames)[number];

/** Which judge a config selects; an unknown name is reported by the caller (config rules, judge input). */
export function selectedJudge(config: Pick<CanaryConfig, 'judge'>): JudgeName | { unknown: string } {
  const name = config.judge?.name?.trim();
  if (!name) return KAYENTA_JUDGE;
  return (judgeNames as readonly string[]).includes(name) ? (name as JudgeName) : { unknown: name };
}

export const unknownJudgeMessage = (name: string) => `Foresail has no judge named "${name}": use ${KAYENTA_JUDGE} (Kayenta's) or ${FORESAIL_JUDGE}`;

export type MetricKind = 'gauge' | 'count' | 'histogram';
export type NoDataPolicy = 'fail' | 'marginal' | 'ignore';

export interface ForesailMetricSettings {
  /** Declared kind, or undefined to infer it (a histogram when the series carry `le`, else a gauge). */
  kind: MetricKind | undefined;
  /** The metric whose counts are each side's exposure (requests), for count metrics. */
  exposure: string | undefined;
  noData: NoDataPolicy;
}

/**
 * Default no-data policy: a critical or must-have-data metric fails; any other one makes the canary
 * at best Marginal. Never a pass: "ignore" must be chosen explicitly.
 */
export function resolveForesailSettings(metric: CanaryMetricConfig, settings: MetricSettings): ForesailMetricSettings {
  const own = metric.analysisConfigurations?.canary?.foresail;
  return {
    kind: own?.kind,
    exposure: own?.exposure,
    noData: own?.noData ?? (settings.critical || settings.mustHaveData ? 'fail' : 'marginal'),
  };
}

export const DEFAULT_ALPHA = 0.05;

/** The canary-level false-fail rate the judge controls (`judge.judgeConfigurations.alpha`, 0 < α < 0.5). */
export function resolveAlpha(config: Pick<CanaryConfig, 'judge'>, override?: number): number {
  const raw = override ?? config.judge?.judgeConfigurations?.alpha;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof value === 'number' && value > 0 && value < 0.5 ? value : DEFAULT_ALPHA;
}
