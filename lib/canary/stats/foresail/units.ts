import type { CanaryConfig, CanaryMetricConfig } from '../canary-config';
import type { MetricSetPair } from '../input';
import type { MetricKind } from './settings';

/** One thing judged: a metric's series for one label set (a histogram's buckets are one unit). */
export interface Unit {
  key: string;
  metric: CanaryMetricConfig;
  kind: MetricKind;
  tags: Record<string, string>;
  pairs: MetricSetPair[];
}

const withoutLe = (tags: Record<string, string>) => Object.fromEntries(Object.entries(tags).filter(([k]) => k !== 'le'));

export function unitKey(name: string, tags: Record<string, string>): string {
  const labels = Object.entries(tags)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
  return labels ? `${name}{${labels}}` : name;
}

/**
 * Groups the pairs into units, in config order. A metric declared as a histogram, or whose series
 * carry `le`, becomes one unit per label set without `le`. A config metric with no pairs at all
 * still gets a unit (it is judged as having no data, never skipped), as does one the state knows.
 */
export function groupUnits(config: CanaryConfig, pairs: readonly MetricSetPair[], knownKeys: readonly string[]): Unit[] {
  const units: Unit[] = [];
  for (const metric of config.metrics) {
    const own = pairs.filter((p) => p.name === metric.name);
    const declared = metric.analysisConfigurations?.canary?.foresail?.kind;
    const kind: MetricKind = declared ?? (own.some((p) => 'le' in p.tags) ? 'histogram' : 'gauge');
    const byKey = new Map<string, Unit>();
    for (const pair of own) {
      const tags = kind === 'histogram' ? withoutLe(pair.tags) : pair.tags;
      const key = unitKey(metric.name, tags);
      const unit = byKey.get(key) ?? { key, metric, kind, tags, pairs: [] };
      unit.pairs.push(pair);
      byKey.set(key, unit);
    }
    for (const key of knownKeys) {
      if (!byKey.has(key) && (key === metric.name || key.startsWith(`${metric.name}{`))) byKey.set(key, { key, metric, kind, tags: {}, pairs: [] });
    }
    if (byKey.size === 0) byKey.set(metric.name, { key: metric.name, metric, kind, tags: {}, pairs: [] });
    units.push(...byKey.values());
  }
  return units;
}
