import 'server-only';
import { enqueue } from '../../db/engine/jobs';
import { hasPipelineTriggerOn } from '../../db/engine/pipelines-with-triggers';
import type { ExecutionRow } from '../../db/engine/rows';
import { stageAttempt } from '../../db/engine/stages';
import type { Tx } from '../../db/pool';
import { jobs, runJobKey } from './names';

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
