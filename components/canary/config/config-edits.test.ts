import { describe, expect, it } from 'vitest';
import { canaryConfigSchema } from '@/lib/canary/stats/canary-config';
import { resolveMetricSettings } from '@/lib/canary/stats/metric-config';
import { addGroup, typedNumber, formOf, groupsOf, judgeOf, judgeSettingOf, metricOf, newConfig, removeMetric, saveMetric, setAlpha, setJudge, setJudgeSetting, setThreshold, setWeight, thresholdsOf, weightsOf } from './config-edits';
import { resolveJudgeSettings } from '@/lib/canary/stats/judge';

const form = { ...formOf(undefined, 'latency'), name: 'p99', promql: 'histogram_quantile(0.99, rate(x[1m]))' };

describe('canary config edits', () => {
  it('turns the metric form into Kayenta JSON the judge reads back with the same settings', () => {
    const metric = metricOf({ ...form, direction: 'increase', critical: true, nanStrategy: 'replace', allowedIncrease: '10', criticalIncrease: '50', allowedDecrease: '5', outlierStrategy: 'remove', outlierFactor: '2.5' });
    expect(metric).toMatchObject({ name: 'p99', groups: ['latency'], query: { type: 'prometheus', customInlineTemplate: 'PromQL:histogram_quantile(0.99, rate(x[1m]))' } });
    const settings = resolveMetricSettings(canaryConfigSchema.parse({ metrics: [metric] }).metrics[0]!);
    expect(settings).toMatchObject({ direction: 'increase', critical: true, nanStrategy: 'replace', outlierStrategy: 'remove', outlierFactor: 2.5 });
    expect(settings.effectSize).toMatchObject({ allowedIncrease: 1.1, criticalIncrease: 1.5, allowedDecrease: 0.95, criticalDecrease: 1 });
    // And back: the dialog shows what was saved.
    expect(formOf(metric)).toMatchObject({ promql: form.promql, allowedIncrease: '10', allowedDecrease: '5', criticalIncrease: '50', criticalDecrease: '', nanStrategy: 'replace', critical: true });
  });

  it('leaves defaults out and keeps keys it does not edit', () => {
    const existing = { name: 'old', groups: ['latency', 'extra'], query: { type: 'prometheus', metricName: 'up', labelBindings: ['a'] }, analysisConfigurations: { canary: { custom: 1, muted: true } }, kayenta: 'kept' };
    const metric = metricOf({ ...formOf(existing), name: 'renamed', muted: false }, existing);
    expect(metric).toEqual({
      name: 'renamed',
      groups: ['latency', 'extra'],
      scopeName: 'default',
      kayenta: 'kept',
      query: { type: 'prometheus', metricName: 'up', labelBindings: ['a'] },
      analysisConfigurations: { canary: { custom: 1, direction: 'either' } },
    });
  });

  it('manages groups, weights and thresholds', () => {
    let doc = saveMetric(newConfig(), metricOf(form));
    expect(weightsOf(doc)).toEqual({ latency: 0 });
    doc = addGroup(doc, ' errors ');
    doc = addGroup(doc, 'errors');
    doc = setWeight(setWeight(doc, 'latency', '60'), 'errors', 40);
    expect(groupsOf(doc)).toEqual(['latency', 'errors']);
    expect(weightsOf(doc)).toEqual({ latency: 60, errors: 40 });
    expect(thresholdsOf(doc)).toEqual({ pass: 75, marginal: 50 });
    doc = setThreshold(doc, 'pass', '90');
    expect(thresholdsOf(doc)).toEqual({ pass: 90, marginal: 50 });
    doc = saveMetric(doc, metricOf({ ...form, name: 'p50' }), 0);
    expect(doc.metrics.map((m) => m.name)).toEqual(['p50']);
    expect(removeMetric(doc, 0).metrics).toEqual([]);
  });

  it('sets per-config judge settings the judge picks up, and clears them back to the defaults', () => {
    let doc = setJudgeSetting(newConfig(), 'confidenceLevel', '0.95');
    doc = setJudgeSetting(doc, 'tolerance', '0.1');
    expect(judgeSettingOf(doc, 'confidenceLevel')).toBe('0.95');
    expect(resolveJudgeSettings({ config: canaryConfigSchema.parse(doc) })).toEqual({ confidenceLevel: 0.95, tolerance: 0.1 });
    doc = setJudgeSetting(doc, 'tolerance', '');
    expect(doc.judge?.judgeConfigurations).toEqual({ confidenceLevel: 0.95 });
  });

  it('keeps half-typed numbers as text so inputs can hold "33."', () => {
    expect([typedNumber('33'), typedNumber('33.'), typedNumber(' 0.5 '), typedNumber(''), typedNumber('abc')]).toEqual([33, '33.', 0.5, undefined, 'abc']);
    expect(weightsOf(setWeight(newConfig(), 'g', '33.'))).toEqual({ g: 33 });
    expect(thresholdsOf(setThreshold(newConfig(), 'pass', '80.'))).toEqual({ pass: 80, marginal: 50 });
  });

  it('makes new configs with foresail-v1, switches judges dropping the other one\'s settings, and edits foresail metric settings', () => {
    expect(judgeOf(newConfig())).toBe('foresail-v1');
    expect(judgeOf({ metrics: [] })).toBe('NetflixACAJudge-v1.0');
    const alpha = setAlpha(newConfig(), '0.01');
    expect(alpha.judge).toEqual({ name: 'foresail-v1', judgeConfigurations: { alpha: 0.01 } });
    expect(setJudge(alpha, 'NetflixACAJudge-v1.0').judge).toEqual({ name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} });
    const metric = metricOf({ ...formOf(undefined, 'g'), name: 'errors', kind: 'count', exposure: 'requests', noData: 'ignore' });
    expect(metric.analysisConfigurations?.canary?.foresail).toEqual({ kind: 'count', exposure: 'requests', noData: 'ignore' });
    expect(formOf(metric)).toMatchObject({ kind: 'count', exposure: 'requests', noData: 'ignore' });
    expect(metricOf(formOf(undefined, 'g')).analysisConfigurations?.canary?.foresail).toBeUndefined();
  });
});
