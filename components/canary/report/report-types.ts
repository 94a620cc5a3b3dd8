import type { IntervalRecord } from '@/lib/canary/analysis/interval-record';

export type { SeriesPoint } from '@/lib/canary/analysis/interval-record';

/** One judged interval as the report reads it: the record the kayentaCanary stage and a retrospective analysis store. */
export type ReportInterval = IntervalRecord;

/** Reads stage outputs defensively: they are JSON written by the stage, possibly by an older version. */
export function intervalsFromOutputs(outputs: Record<string, unknown>): ReportInterval[] {
  const raw = outputs.canaryIntervals;
  if (!Array.isArray(raw)) return [];
  return raw.filter((r): r is ReportInterval => typeof r === 'object' && r !== null && 'result' in r && 'interval' in r && Array.isArray((r as { series?: unknown }).series));
}
