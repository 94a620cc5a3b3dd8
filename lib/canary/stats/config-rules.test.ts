import { describe, expect, it } from 'vitest';
import { formatPath } from '../../errors';
import { canaryConfigSchema, type CanaryConfigInput } from './canary-config';
import { findCanaryConfigIssues, metricGroups, storedCanaryConfigSchema } from './config-rules';

const metric = (name: string, groups: string[], query: { type: string; [key: string]: unknown } = { type: 'prometheus', customInlineTemplate: 'PromQL:rate(x[1m])' }) => ({ name, groups, query });
const valid: CanaryConfigInput = {
  name: 'latency-and-errors',
  metrics: [metric('p99', ['latency']), metric('errors', ['errors'])],
  classifier: { groupWeights: { latency: 60, errors: 40 }, scoreThresholds: { pass: 75, marginal: 50 } },
};
const issuesOf = (input: CanaryConfigInput) => findCanaryConfigIssues(canaryConfigSchema.parse(input));

describe('canary config rules', () => {
  it('accepts a complete config', () => {
    expect(issuesOf(valid)).toEqual([]);
    expect(metricGroups(canaryConfigSchema.parse(valid))).toEqual(['latency', 'errors']);
  });

  it('requires group weights summing to 100, with a tolerance for decimals', () => {
    expect(issuesOf({ ...valid, classifier: { groupWeights: { latency: 60, errors: 30 } } })).toEqual([{ path: 'classifier.groupWeights', message: 'group weights must sum to 100 (they sum to 90)' }]);
    const thirds = { ...valid, metrics: [...valid.metrics, metric('cpu', ['cpu'])], classifier: { groupWeights: { latency: 33.3, errors: 33.3, cpu: 33.4 } } };
    expect(issuesOf(thirds)).toEqual([]);
  });

  it('names a metric group without a weight, duplicate metric names and a missing PromQL template', () => {
    const input = { ...valid, metrics: [metric('p99', ['latency', 'saturation']), metric('p99', ['errors'], { type: 'prometheus' })] };
    expect(issuesOf(input).map((i) => i.path)).toEqual(['metrics[0].groups[1]', 'metrics[1].name', 'metrics[1].query.customInlineTemplate']);
    expect(issuesOf({ ...valid, metrics: [metric('p99', ['latency'], { type: 'prometheus', metricName: 'http_latency' }), metric('e', ['errors'])] })).toEqual([]);
  });

  it('requires a query, a group, one metric store, a valid name and sane thresholds', () => {
    const input = {
      name: 'bad name!',
      metrics: [{ name: 'a', groups: [] }, metric('b', ['g']), metric('c', ['g'], { type: 'atlas' })],
      classifier: { groupWeights: { g: 100 }, scoreThresholds: { pass: 50, marginal: 60 } },
    };
    expect(issuesOf(input).map((i) => i.path)).toEqual(['name', 'metrics[0].groups', 'metrics[0].query', 'metrics', 'classifier.scoreThresholds.marginal']);
  });

  it('reports every issue through the schema at its field path', () => {
    const parsed = storedCanaryConfigSchema.safeParse({ ...valid, metrics: [metric('p99', ['other'])] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => formatPath(i.path))).toEqual(['metrics[0].groups[0]']);
  });

  it('knows the judges, checks foresail-v1\'s α and that an exposure metric exists', () => {
    expect(issuesOf({ ...valid, judge: { name: 'foresail-v1', judgeConfigurations: { alpha: 0.01 } } })).toEqual([]);
    expect(issuesOf({ ...valid, judge: { name: 'dredd-v1.0' } })).toEqual([{ path: 'judge.name', message: 'Foresail has no judge named "dredd-v1.0": use NetflixACAJudge-v1.0 (Kayenta\'s) or foresail-v1' }]);
    expect(issuesOf({ ...valid, judge: { name: 'foresail-v1', judgeConfigurations: { alpha: 2 } } })[0]?.path).toBe('judge.judgeConfigurations.alpha');
    const exposure = { ...valid, metrics: [{ ...metric('errors', ['errors']), analysisConfigurations: { canary: { foresail: { kind: 'count' as const, exposure: 'requests' } } } }, metric('p99', ['latency'])] };
    expect(issuesOf(exposure)).toEqual([{ path: 'metrics[0].analysisConfigurations.canary.foresail.exposure', message: 'no metric named "requests" in this config counts the requests' }]);
  });
});
