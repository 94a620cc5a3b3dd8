import type { JudgeResult } from '@/lib/canary/stats';

/** [ms since the epoch, value]; null where Prometheus gave NaN. */
export type SeriesPoint = [number, number | null];

/**
 * One judged interval as the kayentaCanary stage stores it (`outputs.canaryIntervals[i]`) and a
 * retrospective analysis keeps it: the windows, the judge's full result, the PromQL and every point.
 * Mirrors the server's IntervalRecord, which components may not import (server-only).
 */
export interface ReportInterval {
  interval: number;
  canary: { startMs: number; endMs: number };
  baseline: { startMs: number; endMs: number };
  stepSeconds: number;
  judgedAtMs: number;
  result: JudgeResult;
  warnings: { kind: string; metric?: string; message: string }[];
  queries: Record<string, { control?: string; experiment?: string }>;
  series: { id: string; name: string; tags: Record<string, string>; control: SeriesPoint[]; experiment: SeriesPoint[] }[];
}

/** Reads stage outputs defensively: they are JSON written by the stage, possibly by an older version. */
export function intervalsFromOutputs(outputs: Record<string, unknown>): ReportInterval[] {
  const raw = outputs.canaryIntervals;
  if (!Array.isArray(raw)) return [];
  return raw.filter((r): r is ReportInterval => typeof r === 'object' && r !== null && 'result' in r && 'interval' in r && Array.isArray((r as { series?: unknown }).series));
}
