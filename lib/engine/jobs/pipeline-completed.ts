import 'server-only';
import { pipelinesWithTrigger } from '../../db/engine/pipelines-with-triggers';
import { readExecution } from '../../db/engine/store';
import { getPool } from '../../db/pool';
import { getLogger } from '../../log';
import { matchPipelineTriggers } from '../../triggers/pipeline-trigger';
import { startExecution } from '../start-execution';
import { isComplete } from '../status';
import type { ExecutionPayload } from './names';

/**
 * Pipeline triggers: when an execution completes, start the pipelines that wait for this one with
 * one of these statuses. The (execution, pipeline) pair is a delivery id, so a retried job starts
 * nothing twice.
 */
export async function pipelineCompletedJob({ executionId }: ExecutionPayload): Promise<void> {
  const pool = getPool();
  const execution = await readExecution(pool, executionId);
  if (!execution?.pipelineId || !isComplete(execution.status)) return;
  const candidates = await pipelinesWithTrigger(pool, 'pipeline');
  const matches = matchPipelineTriggers({ application: execution.application, pipelineId: execution.pipelineId, status: execution.status, id: execution.id }, candidates);
  for (const match of matches) {
    const outcome = await startExecution({
      pipelineId: match.pipelineId,
      source: 'pipeline',
      authentication: { user: null, roles: [] },
      delivery: { source: 'pipeline-trigger', id: `${execution.id}:${match.pipelineId}` },
      trigger: {
        ...match.trigger,
        type: 'pipeline',
        parentExecution: { id: execution.id, application: execution.application, name: execution.pipelineName, pipelineConfigId: execution.pipelineId, status: execution.status, trigger: execution.trigger },
        parentPipelineId: execution.pipelineId,
        parentPipelineName: execution.pipelineName,
        parentPipelineApplication: execution.application,
        parentStatus: execution.status,
        isPipeline: true,
      },
    });
    getLogger().info({ upstream: execution.id, pipelineId: match.pipelineId, outcome: outcome.kind }, 'pipeline trigger');
  }
}
