import 'server-only';
import { withTransaction } from '../../db/pool';
import { lockForWork } from './locked';
import type { StagePayload } from './names';
import { startStageIn } from './step';

/**
 * Orca's StartStage as a job (queued when a transaction has started enough stages inline).
 * Idempotent: only a NOT_STARTED stage of a RUNNING execution is touched.
 */
export async function startStageJob({ executionId, stageId }: StagePayload, signal: AbortSignal): Promise<void> {
  await withTransaction(async (tx) => {
    const l = await lockForWork(tx, executionId, signal);
    if (l) await startStageIn(l, stageId);
  });
}
