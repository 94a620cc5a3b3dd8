import type { MetricClassification, MetricResult } from '@/lib/canary/stats';
import type { SeriesPoint } from './report-types';

/**
 * Pure shaping of judge results and series for the report's charts and tables (unit-tested; the
 * React components only draw what these return).
 */

export interface TimeSeriesRow {
  /** Seconds since the start of each side's window, so a baseline offset still lines the two up. */
  offsetSeconds: number;
  baseline: number | null;
  canary: number | null;
  /** canary − baseline where both exist. */
  difference: number | null;
}

/** Baseline and canary points aligned by their offset from each side's own start. */
export function timeSeriesRows(control: SeriesPoint[], experiment: SeriesPoint[]): TimeSeriesRow[] {
  const offsets = (points: SeriesPoint[]) => {
    const start = points[0]?.[0] ?? 0;
    return new Map(points.map(([t, v]) => [Math.round((t - start) / 1000), v]));
  };
  const base = offsets(control);
  const can = offsets(experiment);
  const keys = [...new Set([...base.keys(), ...can.keys()])].sort((a, b) => a - b);
  return keys.map((offsetSeconds) => {
    const baseline = base.get(offsetSeconds) ?? null;
    const canary = can.get(offsetSeconds) ?? null;
    return { offsetSeconds, baseline, canary, difference: baseline !== null && canary !== null ? canary - baseline : null };
  });
}

export interface HistogramBin {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge (inclusive for the last bin). */
  to: number;
  label: string;
  baseline: number;
  canary: number;
}

const finite = (values: readonly (number | null)[]): number[] => values.filter((v): v is number => v !== null && Number.isFinite(v));

/** Shared bins over both sides, so the two sets of bars are comparable; Sturges' rule for the count. */
export function histogramBins(control: readonly (number | null)[], experiment: readonly (number | null)[], binCount?: number): HistogramBin[] {
  const base = finite(control);
  const can = finite(experiment);
  const all = [...base, ...can];
  if (all.length === 0) return [];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const count = binCount ?? Math.max(1, Math.min(30, Math.ceil(Math.log2(all.length) + 1)));
  if (min === max) return [{ from: min, to: max, label: formatValue(min), baseline: base.length, canary: can.length }];
  const width = (max - min) / count;
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => {
    const from = min + i * width;
    const to = i === count - 1 ? max : min + (i + 1) * width;
    return { from, to, label: `${formatValue(from)}–${formatValue(to)}`, baseline: 0, canary: 0 };
  });
  const bin = (v: number) => bins[Math.min(count - 1, Math.floor((v - min) / width))];
  for (const v of base) {
    const b = bin(v);
    if (b) b.baseline += 1;
  }
  for (const v of can) {
    const b = bin(v);
    if (b) b.canary += 1;
  }
  return bins;
}

export interface BoxStats {
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  count: number;
}

/** Linear-interpolated quantile of sorted values (the R-7 definition, as numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = sorted[Math.floor(pos)] ?? Number.NaN;
  const hi = sorted[Math.ceil(pos)] ?? Number.NaN;
  return lo + (hi - lo) * (pos - Math.floor(pos));
}

export function boxStats(values: readonly (number | null)[]): BoxStats | null {
  const sorted = finite(values).sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return null;
  return { min: first, q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75), max: last, count: sorted.length };
}

/**
 * Points of a beeswarm-ish strip: each value with a deterministic horizontal jitter in [-0.5, 0.5]
 * (by rank, so equal inputs always draw the same picture).
 */
export function stripPoints(values: readonly (number | null)[], x: number): { x: number; y: number }[] {
  const sorted = finite(values).sort((a, b) => a - b);
  return sorted.map((y, i) => ({ x: x + (((i * 0.618034) % 1) - 0.5) * 0.6, y }));
}

const failing: Record<MetricClassification, number> = { High: 0, Low: 0, NodataFailMetric: 0, Error: 1, Nodata: 2, Pass: 3 };

/** Failing metrics first (critical before others), then errors, no-data, passes; by name within each. */
export function orderMetrics(results: readonly MetricResult[]): MetricResult[] {
  return [...results].sort((a, b) => failing[a.classification] - failing[b.classification] || Number(b.critical || b.criticalMetric) - Number(a.critical || a.criticalMetric) || a.name.localeCompare(b.name));
}

export function classificationCounts(results: readonly MetricResult[]): Record<MetricClassification, number> {
  const counts: Record<MetricClassification, number> = { Pass: 0, High: 0, Low: 0, Nodata: 0, NodataFailMetric: 0, Error: 0 };
  for (const r of results) counts[r.classification] += 1;
  return counts;
}

/** Deck's deviation: the mean ratio as a signed percentage ("+12.3%", "−4.0%", "0%"), or N/A. */
export function formatDeviation(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return 'N/A';
  const pct = (ratio - 1) * 100;
  if (Math.abs(pct) < 0.05) return '0%';
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

export function formatValue(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-3) return v.toExponential(2);
  return String(Number(v.toFixed(3)));
}

export interface CiFigure {
  /** Axis range, always containing 0, ±bound, the interval and the estimate, with a margin. */
  domain: [number, number];
  /** Positions in [0, 1] along the axis. */
  zero: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  plusBound: number | null;
  minusBound: number | null;
  /** What the picture shows, in words (for the screen reader and the caption). */
  verdict: string;
}

/**
 * Where to draw the Mann-Whitney interval against zero and ±tolerance·|estimate|: High needs the
 * whole interval above +bound, Low below −bound (Kayenta's rule). Unknown ends are drawn open.
 */
export function ciFigure(result: Pick<MetricResult, 'confidenceInterval' | 'estimate' | 'bound' | 'classification'>): CiFigure | null {
  const ci = result.confidenceInterval;
  if (!ci || result.estimate === null) return null;
  const bound = result.bound ?? 0;
  const values = [0, bound, -bound, result.estimate, ci.lower, ci.upper].filter((v): v is number => v !== null && Number.isFinite(v));
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const margin = (hi - lo) * 0.08;
  const domain: [number, number] = [lo - margin, hi + margin];
  const at = (v: number | null) => (v === null || !Number.isFinite(v) ? null : (v - domain[0]) / (domain[1] - domain[0]));
  const above = ci.lower !== null && ci.upper !== null && ci.lower > bound;
  const below = ci.lower !== null && ci.upper !== null && ci.upper < -bound;
  const verdict = above
    ? `The whole interval lies above +${formatValue(bound)}: the canary is higher`
    : below
      ? `The whole interval lies below −${formatValue(bound)}: the canary is lower`
      : `The interval reaches within ±${formatValue(bound)} of zero: no significant difference`;
  return { domain, zero: (0 - domain[0]) / (domain[1] - domain[0]), estimate: at(result.estimate), lower: at(ci.lower), upper: at(ci.upper), plusBound: at(bound), minusBound: at(-bound), verdict };
}

export interface EffectMark {
  label: string;
  value: number;
  kind: 'allowed' | 'critical' | 'measured';
}

/**
 * Where the measured effect sits against its thresholds, for the effect-size bar. Thresholds at the
 * same value (all default to 1, "no effect") share one mark, so their labels do not overprint.
 */
export function effectSizeMarks(effect: MetricResult['effectSize']): EffectMark[] {
  const thresholds: EffectMark[] = [
    { label: 'critical decrease', value: effect.criticalDecrease, kind: 'critical' },
    { label: 'allowed decrease', value: effect.allowedDecrease, kind: 'allowed' },
    { label: 'allowed increase', value: effect.allowedIncrease, kind: 'allowed' },
    { label: 'critical increase', value: effect.criticalIncrease, kind: 'critical' },
  ];
  const merged: EffectMark[] = [];
  for (const mark of thresholds.filter((m) => Number.isFinite(m.value))) {
    const same = merged.find((m) => m.value === mark.value);
    if (same) {
      same.label = `${same.label}, ${mark.label}`;
      if (mark.kind === 'critical') same.kind = 'critical';
    } else merged.push({ ...mark });
  }
  if (effect.value !== null && Number.isFinite(effect.value)) merged.push({ label: 'measured', value: effect.value, kind: 'measured' });
  return merged.sort((a, b) => a.value - b.value);
}
