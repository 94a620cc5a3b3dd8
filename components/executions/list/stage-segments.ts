import type { ExecutionSummary } from '@/lib/pipeline/execution';

type SummaryStage = ExecutionSummary['stages'][number];

export interface StageSegment {
  id: string;
  name: string;
  status: string;
  /** Milliseconds run so far (to `now` while running); null before the stage starts. */
  durationMs: number | null;
}

/** The top-level stages in run order (synthetic stages belong to their parent's segment). */
export function stageSegments(stages: SummaryStage[], now: number): StageSegment[] {
  return stages
    .filter((s) => s.parentStageId === null)
    .map((s) => ({ id: s.id, name: s.name, status: s.status, durationMs: elapsedMs(s.startTime, s.endTime, now) }));
}

/** Elapsed time from start to end (or to now while unfinished); null if it never started. */
export function elapsedMs(start: number | null, end: number | null, now: number): number | null {
  if (start === null) return null;
  return Math.max(0, (end ?? now) - start);
}

/** A duration for people: "45s", "1m 30s", "2h 0m", "3d 4h" (two units at most, rounded down). */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [d, h, m, s] = [Math.floor(seconds / 86_400), Math.floor(seconds / 3_600) % 24, Math.floor(seconds / 60) % 60, seconds % 60];
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}
