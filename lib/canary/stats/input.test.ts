import { describe, expect, it } from 'vitest';
import kayentaConfig from '@/e2e/fixtures/canary/kayenta-canary-config.json';
import request from '@/e2e/fixtures/canary/judge-request.json';
import { canaryConfigSchema } from './canary-config';
import { parseJudgeInput } from './input';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function issues(raw: unknown) {
  const result = parseJudgeInput(raw);
  if (!('issues' in result)) throw new Error('expected issues');
  return result.issues;
}

describe('canaryConfigSchema', () => {
  it('accepts Kayenta’s JSON and keeps keys it does not know', () => {
    const withExtras = { ...clone(kayentaConfig), futureField: { x: 1 } };
    withExtras.metrics[0] = { ...withExtras.metrics[0]!, ...{ id: 'abc', extra: true } };
    const parsed = canaryConfigSchema.parse(withExtras);
    expect(parsed).toMatchObject({ futureField: { x: 1 }, templates: { 'checkout-track': expect.any(String) } });
    expect(parsed.metrics[0]).toMatchObject({ id: 'abc', extra: true, query: { type: 'prometheus' } });
    expect(parsed.metrics[2]!.analysisConfigurations!.canary!.outliers!.outlierFactor).toBe(3); // "3" → 3
    expect(parsed.metrics[1]!.analysisConfigurations!.canary!.critical).toBe(false); // "false" → false
  });

  it('does not fill in defaults (Deck deletes values equal to the default)', () => {
    const parsed = canaryConfigSchema.parse({ metrics: [{ name: 'm' }] });
    expect(parsed).toEqual({ metrics: [{ name: 'm' }] });
  });

  it('rejects values Kayenta could not use, naming the field', () => {
    const result = canaryConfigSchema.safeParse({ metrics: [{ name: 'm', analysisConfigurations: { canary: { outliers: { outlierFactor: -1 } } } }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['metrics', 0, 'analysisConfigurations', 'canary', 'outliers', 'outlierFactor']);
  });
});

describe('parseJudgeInput', () => {
  it('accepts the sample request, turning "NaN" and numeric strings into numbers', () => {
    const result = parseJudgeInput(request);
    if (!('input' in result)) throw new Error(JSON.stringify(result.issues));
    expect(result.input.metricSetPairs[1]!.values.control[5]).toBeNaN();
    expect(typeof result.input.metricSetPairs[2]!.values.control[0]).toBe('number');
  });

  it('reads null and the spellings of infinity Prometheus and Jackson use', () => {
    const raw = clone(request);
    raw.metricSetPairs[0]!.values.control = [null, '+Inf', '-Inf', 'Infinity', 'nan', ' 1.5 ', 2] as never;
    const result = parseJudgeInput(raw);
    if (!('input' in result)) throw new Error(JSON.stringify(result.issues));
    expect(result.input.metricSetPairs[0]!.values.control).toEqual([Number.NaN, Infinity, -Infinity, Infinity, Number.NaN, 1.5, 2]);
  });

  it('names the exact element of a bad value', () => {
    const raw = clone(request);
    (raw.metricSetPairs[2]!.values.control as unknown[])[17] = 'fast';
    expect(issues(raw)).toEqual([{ path: 'metricSetPairs[2].values.control[17]', message: 'must be a number, a numeric string or "NaN"' }]);
  });

  it('requires thresholds and accepts them as strings', () => {
    const raw = clone(request) as Record<string, unknown>;
    delete raw.thresholds;
    expect(issues(raw).map((i) => i.path)).toContain('thresholds');
    const result = parseJudgeInput({ ...clone(request), thresholds: { pass: '90', marginal: '70.5' } });
    expect('input' in result && result.input.thresholds).toEqual({ pass: 90, marginal: 70.5 });
  });

  it('names a pair whose metric is not in the config', () => {
    const raw = clone(request);
    raw.metricSetPairs[3]!.name = 'latency p50';
    expect(issues(raw)).toEqual([{ path: 'metricSetPairs[3].name', message: 'no metric named "latency p50" in config.metrics' }]);
  });

  it('checks the judge settings in the request and in the config', () => {
    expect(issues({ ...clone(request), judge: { confidenceLevel: 1.5 } })).toEqual([{ path: 'judge.confidenceLevel', message: 'must be below 1' }]);
    const raw = clone(request);
    raw.config.judge.judgeConfigurations = { tolerance: -1 } as never;
    expect(issues(raw)).toEqual([{ path: 'config.judge.judgeConfigurations.tolerance', message: 'cannot be negative' }]);
  });

  it('reports structural problems with their paths', () => {
    expect(issues({}).map((i) => i.path).sort()).toEqual(['config', 'metricSetPairs', 'thresholds']);
    expect(issues({ ...clone(request), metricSetPairs: [{ name: 'cpu', values: { control: [] } }] }).map((i) => i.path)).toEqual(['metricSetPairs[0].values.experiment']);
  });
});
