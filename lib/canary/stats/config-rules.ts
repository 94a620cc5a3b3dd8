import type { z } from 'zod';
import type { FieldIssue } from '../../errors';
import { canaryConfigSchema, type CanaryConfig } from './canary-config';
import { selectedJudge, unknownJudgeMessage } from './foresail/settings';

/** Deck's rule for config names (reducers/validators.ts): they end up in URLs and stage configs. */
export const CANARY_CONFIG_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** The group names the metrics use, in first-use order. */
export function metricGroups(config: Pick<CanaryConfig, 'metrics'>): string[] {
  const seen = new Set<string>();
  for (const metric of config.metrics) for (const group of metric.groups ?? []) seen.add(group);
  return [...seen];
}

export function weightSum(weights: Record<string, number> | undefined): number {
  return Object.values(weights ?? {}).reduce((sum, weight) => sum + weight, 0);
}

/**
 * What a config must satisfy to be stored, beyond its shape (deck-kayenta's validators plus what
 * the judge and the Prometheus query need). The editor shows these live; the API refuses with them.
 */
export function findCanaryConfigIssues(config: CanaryConfig): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const name = config.name ?? '';
  if (!name.trim()) issues.push({ path: 'name', message: 'a canary config needs a name' });
  else if (!CANARY_CONFIG_NAME.test(name)) issues.push({ path: 'name', message: 'use only letters, digits, - and _ (at most 100)' });

  const weights = config.classifier?.groupWeights ?? {};
  const names = new Set<string>();
  const stores = new Set<string>();
  config.metrics.forEach((metric, i) => {
    const at = `metrics[${i}]`;
    if (names.has(metric.name)) issues.push({ path: `${at}.name`, message: `another metric is already named "${metric.name}"` });
    names.add(metric.name);
    const groups = metric.groups ?? [];
    if (groups.length === 0) issues.push({ path: `${at}.groups`, message: 'a metric belongs to at least one group' });
    groups.forEach((group, g) => {
      if (!(group in weights)) issues.push({ path: `${at}.groups[${g}]`, message: `group "${group}" has no weight in classifier.groupWeights` });
    });
    const query = metric.query;
    if (!query) {
      issues.push({ path: `${at}.query`, message: 'a metric needs a query' });
      return;
    }
    stores.add(query.type);
    // Kayenta's Prometheus query is either a PromQL template or a metric name with label filters.
    if (query.type === 'prometheus' && !query.customInlineTemplate?.trim() && !query.metricName?.trim()) {
      issues.push({ path: `${at}.query.customInlineTemplate`, message: 'a Prometheus metric needs a PromQL template (or a metric name)' });
    }
  });
  if (stores.size > 1) issues.push({ path: 'metrics', message: `all metrics must use the same metric store (found ${[...stores].join(', ')})` });

  if (config.metrics.length > 0) {
    const sum = weightSum(weights);
    // Weights may be decimals (33.3 + 33.3 + 33.4); compare with a tolerance for binary rounding.
    if (Math.abs(sum - 100) > 1e-9) issues.push({ path: 'classifier.groupWeights', message: `group weights must sum to 100 (they sum to ${Number(sum.toFixed(6))})` });
  }

  const judge = selectedJudge(config);
  if (typeof judge === 'object') issues.push({ path: 'judge.name', message: unknownJudgeMessage(judge.unknown) });
  const alpha = config.judge?.judgeConfigurations?.alpha;
  if (alpha !== undefined && !(typeof alpha === 'number' && alpha > 0 && alpha < 0.5)) issues.push({ path: 'judge.judgeConfigurations.alpha', message: 'the false-fail rate must be a number above 0 and below 0.5 (e.g. 0.05)' });
  config.metrics.forEach((metric, i) => {
    const exposure = metric.analysisConfigurations?.canary?.foresail?.exposure;
    if (exposure !== undefined && !config.metrics.some((m) => m.name === exposure)) {
      issues.push({ path: `metrics[${i}].analysisConfigurations.canary.foresail.exposure`, message: `no metric named "${exposure}" in this config counts the requests` });
    }
  });

  const thresholds = config.classifier?.scoreThresholds;
  for (const key of ['pass', 'marginal'] as const) {
    const value = thresholds?.[key];
    if (value !== undefined && (value < 0 || value > 100)) issues.push({ path: `classifier.scoreThresholds.${key}`, message: 'must be between 0 and 100' });
  }
  if (thresholds?.pass !== undefined && thresholds.marginal !== undefined && thresholds.marginal > thresholds.pass) {
    issues.push({ path: 'classifier.scoreThresholds.marginal', message: 'must not be above the pass threshold' });
  }
  return issues;
}

/** The stored-config schema: Kayenta's shape plus the rules above, each issue at its field path. */
export const storedCanaryConfigSchema = canaryConfigSchema.superRefine((config, ctx) => {
  for (const issue of findCanaryConfigIssues(config)) {
    ctx.addIssue({ code: 'custom', path: pathParts(issue.path), message: issue.message });
  }
});
export type StoredCanaryConfigInput = z.input<typeof storedCanaryConfigSchema>;

/** `metrics[2].groups[0]` → ['metrics', 2, 'groups', 0], so zod issues format back to the same path. */
function pathParts(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(match[1]);
  }
  return parts;
}
