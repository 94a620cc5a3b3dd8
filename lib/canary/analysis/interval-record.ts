import type { LabelMismatch } from '../prometheus/pairs';
import type { JudgeResult } from '../stats';

/** [ms since the epoch, value]; null where Prometheus gave NaN (JSON has no NaN). */
export type SeriesPoint = [number, number | null];

/** Why an interval's figures deserve care: series that did not pair up, or too few baseline points. */
export type IntervalWarning = LabelMismatch | { kind: 'fewPoints'; metric: string; message: string };

/**
 * One judged interval as the kayentaCanary stage stores it (`outputs.canaryIntervals[i]`) and a
 * retrospective analysis keeps it: its windows, the queries, every point judged, and the judge's full
 * result. Isomorphic (types only), so the report components read the same definition the stage writes.
 */
export interface IntervalRecord {
  interval: number;
  canary: { startMs: number; endMs: number };
  baseline: { startMs: number; endMs: number };
  stepSeconds: number;
  judgedAtMs: number;
  result: JudgeResult;
  warnings: IntervalWarning[];
  queries: Record<string, { control?: string; experiment?: string }>;
  /** Points per metric set pair id for the report's charts. */
  series: { id: string; name: string; tags: Record<string, string>; control: SeriesPoint[]; experiment: SeriesPoint[] }[];
}
