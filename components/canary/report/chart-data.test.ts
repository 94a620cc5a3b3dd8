import { describe, expect, it } from 'vitest';
import type { MetricResult } from '@/lib/canary/stats';
import { boxStats, ciFigure, classificationCounts, effectSizeMarks, formatDeviation, histogramBins, orderMetrics, quantile, stripPoints, timeSeriesRows } from './chart-data';

describe('timeSeriesRows', () => {
  it('aligns both sides by offset from their own start and takes the difference only where both exist', () => {
    // The baseline window starts 60 s earlier (a baseline offset): offsets still line up.
    const rows = timeSeriesRows(
      [
        [0, 1],
        [10_000, 2],
        [20_000, null],
      ],
      [
        [60_000, 1.5],
        [70_000, 2],
        [80_000, 4],
        [90_000, 5],
      ],
    );
    expect(rows).toStrictEqual([
      { offsetSeconds: 0, baseline: 1, canary: 1.5, difference: 0.5 },
      { offsetSeconds: 10, baseline: 2, canary: 2, difference: 0 },
      { offsetSeconds: 20, baseline: null, canary: 4, difference: null },
      { offsetSeconds: 30, baseline: null, canary: 5, difference: null },
    ]);
  });
});

describe('histogramBins', () => {
  it('puts both sides on the same bins and counts every finite value once', () => {
    const bins = histogramBins([0, 1, 2, 3, null], [2, 3, 4], 2);
    expect(bins.map((b) => [b.from, b.to, b.baseline, b.canary])).toStrictEqual([
      [0, 2, 2, 0],
      [2, 4, 2, 3],
    ]);
  });
  it('uses one bin when every value is equal, and none without data', () => {
    expect(histogramBins([5, 5], [5], 4)).toStrictEqual([{ from: 5, to: 5, label: '5', baseline: 2, canary: 1 }]);
    expect(histogramBins([null], [])).toStrictEqual([]);
  });
  it('chooses the bin count by Sturges when not given', () => {
    const values = Array.from({ length: 64 }, (_, i) => i);
    expect(histogramBins(values, values)).toHaveLength(8); // log2(128) + 1
  });
});

describe('boxStats and quantile', () => {
  it('computes the five numbers with linear interpolation (R-7)', () => {
    expect(boxStats([4, 1, 3, 2, null, 5])).toStrictEqual({ min: 1, q1: 2, median: 3, q3: 4, max: 5, count: 5 });
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 10);
    expect(boxStats([null])).toBeNull();
  });
  it('strips points around x deterministically, sorted by value', () => {
    const points = stripPoints([3, 1, 2], 1);
    expect(points.map((p) => p.y)).toStrictEqual([1, 2, 3]);
    expect(points.every((p) => p.x >= 0.7 && p.x <= 1.3)).toBe(true);
    expect(stripPoints([3, 1, 2], 1)).toStrictEqual(points);
  });
});

const result = (name: string, classification: MetricResult['classification'], extra: Partial<MetricResult> = {}) => ({ name, classification, critical: false, criticalMetric: false, ...extra }) as MetricResult;

describe('orderMetrics and classificationCounts', () => {
  it('puts failing metrics first, critical ones before others, then errors, no data and passes', () => {
    const ordered = orderMetrics([result('a', 'Pass'), result('b', 'Nodata'), result('c', 'High'), result('d', 'Low', { criticalMetric: true }), result('e', 'Error')]);
    expect(ordered.map((r) => r.name)).toStrictEqual(['d', 'c', 'e', 'b', 'a']);
  });
  it('counts each classification', () => {
    expect(classificationCounts([result('a', 'Pass'), result('b', 'Pass'), result('c', 'High')])).toMatchObject({ Pass: 2, High: 1, Low: 0, Nodata: 0 });
  });
});

describe('formatDeviation', () => {
  it('shows the mean ratio as a signed percentage', () => {
    expect(formatDeviation(1.123)).toBe('+12.3%');
    expect(formatDeviation(0.96)).toBe('−4.0%');
    expect(formatDeviation(1)).toBe('0%');
    expect(formatDeviation(null)).toBe('N/A');
  });
});

describe('ciFigure', () => {
  it('places zero, ±bound, the interval and the estimate on one axis and says the interval clears +bound', () => {
    const fig = ciFigure({ confidenceInterval: { lower: 0.05, upper: 0.09, level: 0.95 }, estimate: 0.07, bound: 0.0175, classification: 'High' });
    expect(fig).not.toBeNull();
    const f = fig!;
    expect(f.domain[0]).toBeLessThan(-0.0175);
    expect(f.domain[1]).toBeGreaterThan(0.09);
    expect(f.minusBound!).toBeLessThan(f.zero);
    expect(f.zero).toBeLessThan(f.plusBound!);
    expect(f.plusBound!).toBeLessThan(f.lower!);
    expect(f.lower!).toBeLessThan(f.estimate!);
    expect(f.estimate!).toBeLessThan(f.upper!);
    expect(f.verdict).toMatch(/above \+0\.018: the canary is higher/);
  });
  it('says when the interval reaches the band around zero, and has no figure without a test', () => {
    expect(ciFigure({ confidenceInterval: { lower: -0.01, upper: 0.2, level: 0.95 }, estimate: 0.1, bound: 0.025, classification: 'Pass' })?.verdict).toMatch(/no significant difference/);
    expect(ciFigure({ confidenceInterval: { lower: -0.5, upper: -0.2, level: 0.95 }, estimate: -0.3, bound: 0.075, classification: 'Low' })?.verdict).toMatch(/below −0\.075/);
    expect(ciFigure({ confidenceInterval: null, estimate: null, bound: null, classification: 'Nodata' })).toBeNull();
  });
});

describe('effectSizeMarks', () => {
  it('orders the thresholds and the measured value along one axis', () => {
    const marks = effectSizeMarks({ measure: 'meanRatio', value: 1.3, allowedIncrease: 1.1, allowedDecrease: 0.9, criticalIncrease: 1.5, criticalDecrease: 0.5 });
    expect(marks.map((m) => m.label)).toStrictEqual(['critical decrease', 'allowed decrease', 'allowed increase', 'measured', 'critical increase']);
    expect(effectSizeMarks({ measure: 'meanRatio', value: null, allowedIncrease: 1, allowedDecrease: 1, criticalIncrease: 1, criticalDecrease: 1 }).some((m) => m.kind === 'measured')).toBe(false);
  });
  it('merges thresholds at the same value into one mark', () => {
    const marks = effectSizeMarks({ measure: 'meanRatio', value: 1.4, allowedIncrease: 1, allowedDecrease: 1, criticalIncrease: 1, criticalDecrease: 1 });
    expect(marks).toStrictEqual([
      { label: 'critical decrease, allowed decrease, allowed increase, critical increase', value: 1, kind: 'critical' },
      { label: 'measured', value: 1.4, kind: 'measured' },
    ]);
  });
});
