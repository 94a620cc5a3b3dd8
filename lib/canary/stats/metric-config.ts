import type { CanaryMetricConfig } from './canary-config';
import type { Direction, EffectSizeMeasure, NanStrategy, OutlierStrategy } from './types';

/** Per-metric judge settings with Kayenta's defaults applied (reference §1.1). */
export interface MetricSettings {
  name: string;
  groups: string[];
  direction: Direction;
  nanStrategy: NanStrategy;
  outlierStrategy: OutlierStrategy;
  outlierFactor: number;
  critical: boolean;
  mustHaveData: boolean;
  muted: boolean;
  effectSize: {
    measure: EffectSizeMeasure;
    allowedIncrease: number;
    allowedDecrease: number;
    criticalIncrease: number;
    criticalDecrease: number;
  };
}

// Kayenta lower-cases before matching, and any other value falls back to the default.
function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  const lowered = value?.toLowerCase();
  return allowed.find((a) => a.toLowerCase() === lowered) ?? fallback;
}

export function resolveMetricSettings(metric: CanaryMetricConfig): MetricSettings {
  const canary = metric.analysisConfigurations?.canary;
  const measure = pick(canary?.effectSize?.measure, ['meanRatio', 'cles'], 'meanRatio');
  // "No effect" is a ratio of 1 for meanRatio and a probability of ½ for CLES.
  const neutral = measure === 'cles' ? 0.5 : 1.0;
  const effect = canary?.effectSize;
  return {
    name: metric.name,
    groups: metric.groups ?? [],
    direction: pick(canary?.direction, ['increase', 'decrease', 'either'], 'either'),
    nanStrategy: pick(canary?.nanStrategy, ['remove', 'replace'], 'remove'),
    outlierStrategy: pick(canary?.outliers?.strategy, ['remove', 'keep'], 'keep'),
    outlierFactor: canary?.outliers?.outlierFactor ?? 3.0,
    critical: canary?.critical ?? false,
    mustHaveData: canary?.mustHaveData ?? false,
    muted: canary?.muted ?? false,
    effectSize: {
      measure,
      allowedIncrease: effect?.allowedIncrease ?? neutral,
      allowedDecrease: effect?.allowedDecrease ?? neutral,
      criticalIncrease: effect?.criticalIncrease ?? neutral,
      criticalDecrease: effect?.criticalDecrease ?? neutral,
    },
  };
}
