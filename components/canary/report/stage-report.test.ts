import { describe, expect, it } from 'vitest';
import { canaryReportHref, stageReport } from './stage-report';

const interval = (n: number, score: number) => ({ interval: n, canary: { startMs: 0, endMs: 1 }, baseline: { startMs: 0, endMs: 1 }, stepSeconds: 10, judgedAtMs: 1, result: { score: { score }, thresholds: { pass: 90, marginal: 60 } }, warnings: [], queries: {}, series: [] });

describe('stageReport', () => {
  it('reads intervals, the plan thresholds and size, and the scopes from a kayentaCanary stage', () => {
    const report = stageReport({
      context: { canaryConfig: { canaryConfigName: 'latency', scopes: [{ controlScope: 'base', experimentScope: 'can' }], scoreThresholds: { pass: '80', marginal: '50' } } },
      outputs: { canaryPlan: { thresholds: { pass: 85, marginal: 55 }, intervals: [{}, {}, {}] }, canaryIntervals: [interval(1, 100), interval(2, 70), { broken: true }] },
    });
    expect(report.intervals.map((i) => i.interval)).toStrictEqual([1, 2]);
    expect(report).toMatchObject({ thresholds: { pass: 85, marginal: 55 }, plannedIntervals: 3, controlScope: 'base', experimentScope: 'can', configName: 'latency' });
  });
  it('falls back to the stage thresholds (strings, as Deck saves them) before anything ran', () => {
    const report = stageReport({ context: { canaryConfig: { scoreThresholds: { pass: '80', marginal: '50' }, canaryConfig: { name: 'inline-config' } } }, outputs: {} });
    expect(report).toMatchObject({ intervals: [], thresholds: { pass: 80, marginal: 50 }, plannedIntervals: undefined, configName: 'inline-config' });
  });
  it('builds the report permalink with each segment encoded', () => {
    expect(canaryReportHref('my app', 'e/1', 's')).toBe('/applications/my%20app/executions/e%2F1/canary/s');
  });
});
