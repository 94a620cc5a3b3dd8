import { describe, expect, it } from 'vitest';
import type { JudgeResult, MetricResult } from '@/lib/canary/stats';
import { evidenceHistory, evidenceRange, isSequential } from './evidence-data';
import type { ReportInterval } from './report-types';

function interval(n: number, log10E: number | null, failedAt: number | null = null): ReportInterval {
  const metric = { name: 'errors', tags: {}, ...(log10E === null ? {} : { sequential: { test: 'share', description: '', look: n, log10E, log10Threshold: 1.6, pValue: 1, failedAt, components: [], effect: null, amount: { canary: 1, baseline: 1, unit: 'events' } } }) } as unknown as MetricResult;
  const result = { results: [metric], ...(log10E === null ? {} : { sequential: { look: n } }) } as unknown as JudgeResult;
  return { interval: n, canary: { startMs: 0, endMs: 1 }, baseline: { startMs: 0, endMs: 1 }, stepSeconds: 60, judgedAtMs: 0, result, warnings: [], queries: {}, series: [] };
}

describe('evidence chart data', () => {
  it('follows one metric interval by interval up to the one shown, marking the failure', () => {
    const intervals = [interval(1, 0.2), interval(2, 1.9, 2), interval(3, 2.5, 2)];
    expect(evidenceHistory(intervals, { name: 'errors', tags: {} }, 2)).toStrictEqual([
      { interval: 1, log10E: 0.2, log10Threshold: 1.6, failed: false },
      { interval: 2, log10E: 1.9, log10Threshold: 1.6, failed: true },
    ]);
    expect(evidenceHistory(intervals, { name: 'latency', tags: {} }, 3)).toStrictEqual([]);
  });

  it('always shows e = 1 and the threshold, and clamps runaway evidence', () => {
    expect(evidenceRange([{ interval: 1, log10E: -0.3, log10Threshold: 1.6, failed: false }])).toStrictEqual({ min: -0.8, max: 2.1 });
    expect(evidenceRange([{ interval: 1, log10E: 400, log10Threshold: 1.6, failed: true }]).max).toBe(12);
  });

  it('tells a sequential report from a Kayenta one', () => {
    expect(isSequential([interval(1, 0.1)])).toBe(true);
    expect(isSequential([interval(1, null)])).toBe(false);
  });
});
