import 'server-only';
import { withTransaction } from '../../db/pool';
import { isComplete } from '../../pipeline/status';
import { lockForWork, stageOf } from './locked';
import type { StagePayload } from './names';
import { afterStageEnded } from './step';

/**
 * After a stage ended (queued by actions such as a manual skip): its cancel routine if it halted,
 * then what comes next. Idempotent: starting an already started stage or completing a completed
 * execution does nothing.
 */
export async function completeStageJob({ executionId, stageId }: StagePayload, signal: AbortSignal): Promise<void> {
  await withTransaction(async (tx) => {
    const l = await lockForWork(tx, executionId, signal);
    if (!l || (l.execution.status !== 'RUNNING' && l.execution.status !== 'PAUSED')) return;
    const stage = stageOf(l, stageId);
    if (stage && isComplete(stage.status)) await afterStageEnded(l, stage);
  });
}
