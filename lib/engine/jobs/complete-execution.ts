import 'server-only';
import { hasPipelineTriggerOn } from '../../db/engine/pipelines-with-triggers';
import type { ExecutionRow } from '../../db/engine/rows';
import { enqueue } from '../../db/engine/jobs';
import { stageAttempt } from '../../db/engine/stages';
import { withTransaction, type Tx } from '../../db/pool';
import { toNode } from '../nodes';
import { executionOutcome } from '../transitions';
import { lockForWork, setExecution, setStage, stageOf, type Locked } from './locked';
import { jobs, runJobKey, type ExecutionPayload } from './names';

/** Orca's CompleteExecution: the final status once nothing more can run; other running branches are canceled on failure. */
export async function completeExecutionJob({ executionId }: ExecutionPayload, signal: AbortSignal): Promise<void> {
  await withTransaction(async (tx) => {
    const l = await lockForWork(tx, executionId, signal);
    if (l) await completeExecutionIn(l);
  });
}

/** Completes the execution if nothing more can run, in the transaction that holds its lock. */
export async function completeExecutionIn(l: Locked): Promise<void> {
  if (l.execution.status !== 'RUNNING') return;
  const outcome = executionOutcome(l.stages.map(toNode));
  if (!outcome) return;
  const now = new Date();
  for (const id of outcome.cancel) {
    const stage = stageOf(l, id);
    if (!stage) continue;
    await setStage(l, stage, { status: 'CANCELED', endTime: now, waiting: false });
    await enqueue(l.tx, jobs.cancelStage, { executionId: l.execution.id, stageId: id }, { jobKey: `stage-cancel:${id}:${stage.attempt}` });
  }
  await afterCompletion(l.tx, await setExecution(l, { status: outcome.status, endTime: now }));
}

/** What an execution's end sets off: the next queued run of its pipeline, its parent stage, pipeline triggers. */
export async function afterCompletion(tx: Tx, execution: ExecutionRow): Promise<void> {
  if (execution.pipelineId) await enqueue(tx, jobs.dequeue, { pipelineId: execution.pipelineId }, { jobKey: `dequeue:${execution.pipelineId}` });
  if (execution.parentExecutionId && execution.parentStageId) {
    const attempt = await stageAttempt(tx, execution.parentStageId);
    if (attempt !== undefined) {
      await enqueue(tx, jobs.runStage, { executionId: execution.parentExecutionId, stageId: execution.parentStageId, attempt }, { jobKey: runJobKey(execution.parentStageId) });
    }
  }
  // Only when some pipeline is triggered by this one (most are not): one job fewer per execution.
  if (execution.pipelineId && (await hasPipelineTriggerOn(tx, execution.pipelineId))) await enqueue(tx, jobs.pipelineCompleted, { executionId: execution.id });
}
