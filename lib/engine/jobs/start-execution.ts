import 'server-only';
import { withTransaction } from '../../db/pool';
import { mustWait } from '../concurrency';
import { initialStages } from '../transitions';
import { lockForWork, setExecution } from './locked';
import type { ExecutionPayload } from './names';
import { completeExecutionIn, startNext } from './step';

/** NOT_STARTED → RUNNING and start the root stages, unless the pipeline's concurrency limit says wait. */
export async function startExecutionJob({ executionId }: ExecutionPayload, signal: AbortSignal): Promise<void> {
  await withTransaction(async (tx) => {
    const l = await lockForWork(tx, executionId, signal);
    if (!l || l.execution.status !== 'NOT_STARTED' || l.execution.canceled) return;
    if (await mustWait(tx, l.execution)) return; // stays queued; pipeline.dequeue starts it later
    await setExecution(l, { status: 'RUNNING', startTime: new Date() });
    const roots = initialStages(l.stages);
    if (roots.length === 0) return completeExecutionIn(l);
    for (const stage of roots) await startNext(l, stage.id);
  });
}
