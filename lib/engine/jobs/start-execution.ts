import 'server-only';
import { enqueue, lockExecution, readStages } from '../../db/engine/store';
import { withTransaction } from '../../db/pool';
import { mustWait } from '../concurrency';
import { changeExecution } from '../effects';
import { initialStages } from '../transitions';
import { jobs, type ExecutionPayload } from './names';

/** NOT_STARTED → RUNNING and start the root stages, unless the pipeline's concurrency limit says wait. */
export async function startExecutionJob({ executionId }: ExecutionPayload): Promise<void> {
  await withTransaction(async (tx) => {
    const execution = await lockExecution(tx, executionId);
    if (!execution || execution.status !== 'NOT_STARTED' || execution.canceled) return;
    if (await mustWait(tx, execution)) return; // stays queued; pipeline.dequeue starts it later
    const stages = await readStages(tx, executionId);
    await changeExecution(tx, execution, { status: 'RUNNING', startTime: new Date() });
    const roots = initialStages(stages);
    if (roots.length === 0) await enqueue(tx, jobs.completeExecution, { executionId });
    for (const stage of roots) await enqueue(tx, jobs.startStage, { executionId, stageId: stage.id });
  });
}
