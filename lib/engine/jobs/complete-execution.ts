import 'server-only';
import type { ExecutionRow } from '../../db/engine/rows';
import { enqueue, lockExecution, readStages } from '../../db/engine/store';
import { withTransaction, type Tx } from '../../db/pool';
import { changeExecution, changeStage } from '../effects';
import { toNode } from '../nodes';
import { executionOutcome } from '../transitions';
import { jobs, runJobKey, type ExecutionPayload } from './names';

/** Orca's CompleteExecution: the final status once nothing more can run; other running branches are canceled on failure. */
export async function completeExecutionJob({ executionId }: ExecutionPayload): Promise<void> {
  await withTransaction(async (tx) => {
    const execution = await lockExecution(tx, executionId);
    if (!execution || execution.status !== 'RUNNING') return;
    const stages = await readStages(tx, executionId);
    const outcome = executionOutcome(stages.map(toNode));
    if (!outcome) return;
    const now = new Date();
    for (const id of outcome.cancel) {
      const stage = stages.find((s) => s.id === id);
      if (!stage) continue;
      await changeStage(tx, execution, stage, { status: 'CANCELED', endTime: now, waiting: false });
      await enqueue(tx, jobs.cancelStage, { executionId, stageId: id }, { jobKey: `stage-cancel:${id}:${stage.attempt}` });
    }
    const done = await changeExecution(tx, execution, { status: outcome.status, endTime: now });
    await afterCompletion(tx, done);
  });
}

/** What an execution's end sets off: the next queued run of its pipeline, its parent stage, pipeline triggers. */
export async function afterCompletion(tx: Tx, execution: ExecutionRow): Promise<void> {
  if (execution.pipelineId) await enqueue(tx, jobs.dequeue, { pipelineId: execution.pipelineId }, { jobKey: `dequeue:${execution.pipelineId}` });
  if (execution.parentExecutionId && execution.parentStageId) {
    const { rows } = await tx.query<{ attempt: number }>('SELECT attempt FROM stage_executions WHERE id = $1', [execution.parentStageId]);
    const attempt = rows[0]?.attempt;
    if (attempt !== undefined) {
      await enqueue(tx, jobs.runStage, { executionId: execution.parentExecutionId, stageId: execution.parentStageId, attempt }, { jobKey: runJobKey(execution.parentStageId) });
    }
  }
  await enqueue(tx, jobs.pipelineCompleted, { executionId: execution.id });
}
