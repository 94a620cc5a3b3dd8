import 'server-only';
import { findApplication } from '../db/applications';
import { pipelinesWithTrigger } from '../db/engine/pipelines-with-triggers';
import { readExecution } from '../db/engine/executions';
import { readStages } from '../db/engine/stages';
import { getPool } from '../db/pool';
import { recordTriggerAttempts } from '../db/trigger-attempts';
import { getConfig } from '../env';
import { getLogger } from '../log';
import { allArtifactsOf } from '../pipeline/execution-artifacts';
import { matchPipelineTriggers, upstreamReadRefusal } from './pipeline-trigger';
import { runAsAuthentication } from './run-as';
import { startExecution } from '../engine/start-execution';
import { isComplete } from '../pipeline/status';
import type { ExecutionPayload } from '../engine/jobs/names';

/**
 * Pipeline triggers: when an execution completes, start the pipelines that wait for this one with
 * one of these statuses. The (execution, pipeline) pair is a delivery id, so a retried job starts
 * nothing twice. A child in another application starts only if everyone who may read it may read
 * the upstream application (its trigger is copied into the child); otherwise the refusal is logged.
 */
export async function pipelineCompletedJob({ executionId }: ExecutionPayload): Promise<void> {
  const pool = getPool();
  const execution = await readExecution(pool, executionId);
  if (!execution?.pipelineId || !isComplete(execution.status)) return;
  const candidates = await pipelinesWithTrigger(pool, 'pipeline');
  const matches = matchPipelineTriggers({ application: execution.application, pipelineId: execution.pipelineId, status: execution.status, id: execution.id }, candidates);
  const artifacts = matches.length > 0 ? allArtifactsOf(execution.trigger, await readStages(pool, execution.id)) : [];
  const applications = new Map<string, Awaited<ReturnType<typeof findApplication>>>();
  const application = async (name: string) => {
    if (!applications.has(name)) applications.set(name, await findApplication(name));
    return applications.get(name);
  };
  for (const match of matches) {
    const delivery = { source: 'pipeline-trigger', id: `${execution.id}:${match.pipelineId}` };
    const [upstream, child] = [await application(execution.application), await application(match.application)];
    const readRefusal = upstream && child ? upstreamReadRefusal(upstream, child, getConfig().auth.roles.admin) : match.application === execution.application ? undefined : 'the upstream or the triggered application no longer exists';
    const runAs = readRefusal ? { ok: false as const, reason: readRefusal } : runAsAuthentication(match.trigger, getConfig().auth.serviceAccounts);
    if (!runAs.ok) {
      await recordTriggerAttempts([{ source: 'pipeline', application: match.application, pipelineId: match.pipelineId, deliveryId: delivery.id, outcome: 'refused', reason: runAs.reason, details: { upstreamExecution: execution.id } }]);
      getLogger().info({ upstream: execution.id, pipelineId: match.pipelineId, outcome: 'refused' }, 'pipeline trigger');
      continue;
    }
    const outcome = await startExecution({
      pipelineId: match.pipelineId,
      source: 'pipeline',
      authentication: runAs.authentication,
      delivery,
      trigger: {
        ...match.trigger,
        type: 'pipeline',
        parentExecution: { id: execution.id, application: execution.application, name: execution.pipelineName, pipelineConfigId: execution.pipelineId, status: execution.status, trigger: execution.trigger },
        parentPipelineId: execution.pipelineId,
        parentPipelineName: execution.pipelineName,
        parentPipelineApplication: execution.application,
        parentStatus: execution.status,
        isPipeline: true,
        artifacts,
      },
    });
    getLogger().info({ upstream: execution.id, pipelineId: match.pipelineId, outcome: outcome.kind }, 'pipeline trigger');
  }
}
