import type { MetricResult, SequentialEvidence } from '@/lib/canary/stats';
import type { ReportInterval } from './report-types';

/** One point of a metric's evidence chart: its e-value after an interval, against the threshold. */
export interface EvidencePoint {
  interval: number;
  log10E: number;
  log10Threshold: number;
  failed: boolean;
}

const sameMetric = (a: Pick<MetricResult, 'name' | 'tags'>, b: Pick<MetricResult, 'name' | 'tags'>) => a.name === b.name && JSON.stringify(a.tags) === JSON.stringify(b.tags);

/**
 * The running e-value of one metric, interval by interval, up to and including `upTo` (the interval
 * the report shows): what the evidence chart draws. Intervals without a sequential result for the
 * metric are skipped.
 */
export function evidenceHistory(intervals: readonly ReportInterval[], metric: Pick<MetricResult, 'name' | 'tags'>, upTo: number): EvidencePoint[] {
  return intervals
    .filter((i) => i.interval <= upTo)
    .flatMap((i) => {
      const r = i.result.results.find((m) => sameMetric(m, metric));
      const s = r?.sequential;
      return s ? [{ interval: i.interval, log10E: s.log10E, log10Threshold: s.log10Threshold, failed: s.failedAt !== null && s.failedAt <= i.interval }] : [];
    });
}

/** The vertical range of the chart (log10 e-value), always showing 1 (log 0) and the threshold, clamped to ±12 decades. */
export function evidenceRange(points: readonly EvidencePoint[]): { min: number; max: number } {
  const values = points.flatMap((p) => [p.log10E, p.log10Threshold]);
  const min = Math.max(-12, Math.min(0, ...values) - 0.5);
  const max = Math.min(12, Math.max(0, ...values) + 0.5);
  return { min, max };
}

const names: Record<SequentialEvidence['test'], string> = {
  share: "Canary's share of events vs its share of exposure",
  histogram: 'Equality in distribution over histogram buckets',
  gauge: 'Autocorrelation-aware comparison of means and spreads',
};

export const testName = (test: SequentialEvidence['test']) => names[test];

/** Whether a report's intervals come from the sequential judge (foresail-v1). */
export const isSequential = (intervals: readonly ReportInterval[]) => intervals.some((i) => i.result.sequential !== undefined);
