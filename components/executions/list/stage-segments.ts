import { elapsedMs } from '@/lib/pipeline/duration';
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
