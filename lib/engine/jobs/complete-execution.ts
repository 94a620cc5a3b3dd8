import 'server-only';
import { withTransaction } from '../../db/pool';
import { lockForWork } from './locked';
import type { ExecutionPayload } from './names';
import { completeExecutionIn } from './step';

/** Orca's CompleteExecution as a job: the final status once nothing more can run. */
export async function completeExecutionJob({ executionId }: ExecutionPayload, signal: AbortSignal): Promise<void> {
  await withTransaction(async (tx) => {
    const l = await lockForWork(tx, executionId, signal);
    if (l) await completeExecutionIn(l);
  });
}
