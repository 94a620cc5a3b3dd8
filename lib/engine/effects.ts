import 'server-only';
import type { ExecutionRow, StageRow } from '../db/engine/rows';
import { updateExecutionWithEvent, updateStageWithEvent } from '../db/engine/events';
import { type ExecutionPatch, type StagePatch } from '../db/engine/patches';
import type { Tx } from '../db/pool';

/** Writes a stage change and its event (browsers follow executions through these events). */
export async function changeStage(tx: Tx, execution: ExecutionRow, stage: StageRow, patch: StagePatch): Promise<StageRow> {
  const next = { ...stage, ...patch };
  await updateStageWithEvent(tx, stage.id, patch, {
    application: execution.application,
    executionId: execution.id,
    stageId: stage.id,
    kind: 'stage',
    payload: { refId: next.refId, name: next.name, type: next.type, status: next.status, parentStageId: next.parentStageId, startTime: next.startTime?.getTime() ?? null, endTime: next.endTime?.getTime() ?? null },
  });
  return next;
}

/** Writes an execution change and its event. */
export async function changeExecution(tx: Tx, execution: ExecutionRow, patch: ExecutionPatch): Promise<ExecutionRow> {
  const next = { ...execution, ...patch };
  await updateExecutionWithEvent(tx, execution.id, patch, {
    application: execution.application,
    executionId: execution.id,
    kind: 'execution',
    payload: { status: next.status, pipelineId: next.pipelineId, pipelineName: next.pipelineName, startTime: next.startTime?.getTime() ?? null, endTime: next.endTime?.getTime() ?? null, canceled: next.canceled },
  });
  return next;
}

/** Orca's context.exception shape, which Deck and our UI read for the failure explanation. */
export function exceptionContext(reason: string, details: string[] = []): Record<string, unknown> {
  return { details: { error: reason, errors: details } };
}
