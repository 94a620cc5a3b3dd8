import { describe, expect, it } from 'vitest';
import { pairSeries } from './pairs';
import { parseMatrixResponse, PrometheusQueryError } from './response';
import { buildPromQL, fillTemplate } from './template';

const scope = { scope: 'shop-canary', location: 'eu-west', params: { namespace: 'shop', replicas: 3 } };
const metric = (query: Record<string, unknown>) => ({ name: 'latency', query: { type: 'prometheus', ...query } });

describe('PromQL templates (Kayenta semantics)', () => {
  it('fills scope, location and extended scope params; scope wins over a param of the same name', () => {
    expect(fillTemplate('x{d="${scope}",ns="${namespace}",r="${ replicas }",l="${location}"}', scope)).toBe('x{d="shop-canary",ns="shop",r="3",l="eu-west"}');
    expect(fillTemplate('${scope}', { scope: 'a', params: { scope: 'b' } })).toBe('a');
  });
  it('refuses an unknown placeholder, naming what is defined', () => {
    expect(() => fillTemplate('x{app="${app}"}', scope)).toThrow('the query uses ${app}, which this scope does not define (defined: namespace, replicas, scope, location; add it to the stage\'s extendedScopeParams)');
  });
  it('uses customInlineTemplate as the whole query, with or without the PromQL: prefix', () => {
    expect(buildPromQL(metric({ customInlineTemplate: 'PromQL: rate(x{d="${scope}"}[1m])' }), scope)).toBe('rate(x{d="shop-canary"}[1m])');
    expect(buildPromQL(metric({ customInlineTemplate: 'sum(x{d="${scope}"})' }), scope)).toBe('sum(x{d="shop-canary"})');
  });
  it('otherwise builds metricName{labelBindings, filter} and groups by groupByFields', () => {
    expect(buildPromQL(metric({ metricName: 'http_seconds', labelBindings: ['code="200"'], customFilter: 'pod=~"${scope}-.*"' }), scope)).toBe('http_seconds{code="200",pod=~"shop-canary-.*"}');
    const templated = metric({ metricName: 'http_seconds', customFilterTemplate: 'byNs', groupByFields: ['pod'] });
    expect(buildPromQL(templated, scope, { byNs: 'namespace="${namespace}"' })).toBe('avg(http_seconds{namespace="shop"}) by (pod)');
    expect(() => buildPromQL(templated, scope)).toThrow('refers to the filter template "byNs", which the config does not define');
    expect(() => buildPromQL({ name: 'cpu', query: { type: 'atlas' } }, scope)).toThrow('uses the atlas metric store');
  });
});

describe('query_range responses', () => {
  const ok = (result: unknown) => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
  it('reads matrices with NaN and infinities, dropping __name__', () => {
    const series = parseMatrixResponse(200, ok([{ metric: { __name__: 'x', pod: 'a' }, values: [[1700000000, '1.5'], [1700000001.5, 'NaN'], [1700000002, '+Inf'], [1700000003, '-Inf']] }]));
    expect(series).toHaveLength(1);
    expect(series[0]?.labels).toStrictEqual({ pod: 'a' });
    expect(series[0]?.points.map(([t]) => t)).toStrictEqual([1700000000000, 1700000001500, 1700000002000, 1700000003000]);
    expect(series[0]?.points.map(([, v]) => v)).toStrictEqual([1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });
  it('turns Prometheus errors and non-matrices into PrometheusQueryError with the reason', () => {
    expect(() => parseMatrixResponse(400, JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }))).toThrow('Prometheus answered 400 (bad_data): parse error at char 3');
    expect(() => parseMatrixResponse(502, '<html>Bad gateway</html>')).toThrow('Prometheus answered 502: <html>Bad gateway</html>');
    expect(() => parseMatrixResponse(200, JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }))).toThrow(PrometheusQueryError);
    expect(() => parseMatrixResponse(200, 'not json')).toThrow(/not JSON/);
  });
});

describe('pairing control and experiment series', () => {
  const s = (labels: Record<string, string>, v = 1) => ({ labels, points: [[0, v]] as [number, number][] });
  it('pairs identical label sets, without a warning', () => {
    const { pairs, warning } = pairSeries('m', [s({ code: '200' }), s({ code: '500' })], [s({ code: '500' }, 2), s({ code: '200' }, 3)]);
    expect(warning).toBeUndefined();
    expect(pairs.map((p) => [p.tags.code, p.control[0]?.[1], p.experiment[0]?.[1]])).toStrictEqual([
      ['200', 1, 3],
      ['500', 1, 2],
    ]);
  });
  it('warns with both label sets on a mismatch, and still compares a single leftover pair on common labels', () => {
    const { pairs, warning } = pairSeries('m', [s({ app: 'shop', pod: 'shop-baseline-1' })], [s({ app: 'shop', pod: 'shop-canary-1' })]);
    expect(warning).toMatchObject({ kind: 'labelMismatch', metric: 'm', control: [{ app: 'shop', pod: 'shop-baseline-1' }], experiment: [{ app: 'shop', pod: 'shop-canary-1' }] });
    expect(warning?.message).toContain('baseline {app="shop", pod="shop-baseline-1"}, canary {app="shop", pod="shop-canary-1"}');
    expect(pairs).toStrictEqual([{ tags: { app: 'shop' }, control: [[0, 1]], experiment: [[0, 1]] }]);
  });
  it('splits several leftovers into half-empty pairs marked as missing data', () => {
    const { pairs, warning } = pairSeries('m', [s({ pod: 'b1' }), s({ pod: 'b2' })], [s({ pod: 'c1' })]);
    expect(warning?.control).toHaveLength(2);
    expect(pairs.map((p) => p.missing)).toStrictEqual(['No canary series has the labels {pod="b1"}', 'No canary series has the labels {pod="b2"}', 'No baseline series has the labels {pod="c1"}']);
  });
  it('marks a side without any series as missing (not a label mismatch)', () => {
    expect(pairSeries('m', [s({ a: '1' })], [])).toStrictEqual({ pairs: [{ tags: { a: '1' }, control: [[0, 1]], experiment: [], missing: 'Prometheus returned no data for the canary (experiment)' }] });
    expect(pairSeries('m', [], []).pairs[0]?.missing).toBe('Prometheus returned no data for the baseline or the canary');
  });
});
