import type { ExecutionSummary } from './execution';

/**
 * What the engine's events (lib/engine/effects.ts, streamed by /api/v1/events) say about an execution
 * and its stages, applied to the execution page's copy: a stage advancing then costs the page that
 * event alone, not a new copy of the whole execution. An event this cannot apply exactly — a stage
 * the copy does not have yet (synthetic stages appear as they are planned), a pause or cancellation
 * (whose details are not in the event), a payload cut to fit NOTIFY — answers undefined: fetch the
 * execution again.
 */
export interface ExecutionEventData {
  kind: string;
  executionId: string;
  stageId: string | null;
  [key: string]: unknown;
}

const time = (value: unknown): number | null | undefined => (value === null ? null : typeof value === 'number' ? value : undefined);

export function applyExecutionEvent(execution: ExecutionSummary, event: ExecutionEventData): ExecutionSummary | undefined {
  if (event.executionId !== execution.id || event.truncated === true || typeof event.status !== 'string') return undefined;
  const startTime = time(event.startTime);
  const endTime = time(event.endTime);
  if (startTime === undefined || endTime === undefined) return undefined;
  if (event.kind === 'stage') {
    const index = execution.stages.findIndex((s) => s.id === event.stageId);
    const stage = execution.stages[index];
    if (!stage) return undefined;
    const stages = [...execution.stages];
    stages[index] = { ...stage, status: event.status, startTime, endTime };
    return { ...execution, stages };
  }
  if (event.kind === 'execution') {
    // These carry details (who paused or canceled, and why) that the event leaves out.
    if (event.status === 'PAUSED' || execution.status === 'PAUSED' || event.canceled === true) return undefined;
    return { ...execution, status: event.status, startTime, endTime };
  }
  return undefined;
}
