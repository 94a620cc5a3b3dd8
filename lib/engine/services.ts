import 'server-only';
import { can } from '../auth/permissions';
import { applicationResource } from '../auth/resources';
import type { ExecutionRow, StageRow } from '../db/engine/rows';
import { readExecution, readStages } from '../db/engine/store';
import { findApplication } from '../db/applications';
import { findPipeline } from '../db/pipelines';
import { getPool } from '../db/pool';
import { egressFetch, webhookEgressPolicy } from '../egress';
import { getConfig } from '../env';
import { ForbiddenError, NotFoundError } from '../errors';
import { clusterClientFor } from '../kubernetes/client';
import { findCanaryConfig } from '../services/canary-configs';
import { metricsEndpointForRun } from '../services/metrics-accounts';
import { isComplete } from './status';
import type { StageServices } from '../stages/types';
import { cancelExecution } from './actions';
import { startExecution } from './start-execution';

async function childOf(stage: StageRow): Promise<{ executionId: string; name: string } | undefined> {
  const { rows } = await getPool().query<{ id: string; pipeline_name: string }>('SELECT id, pipeline_name FROM executions WHERE parent_stage_id = $1 AND created_at >= $2 ORDER BY created_at DESC LIMIT 1', [stage.id, stage.startTime ?? new Date(0)]);
  const row = rows[0];
  return row ? { executionId: row.id, name: row.pipeline_name } : undefined;
}

/**
 * What a stage may do beyond itself. A child pipeline runs with the parent's authentication: a
 * person's run may start pipelines they could run themselves; an automatic run only pipelines of
 * its own application.
 */
export function stageServices(execution: ExecutionRow, stage: StageRow, signal: AbortSignal): StageServices {
  return {
    egressFetch: (url, init) => egressFetch(url, { ...init, signal }, webhookEgressPolicy()),
    async startChildPipeline({ application, pipelineId, parameters }) {
      const pipeline = await findPipeline(pipelineId);
      if (!pipeline || pipeline.application !== application) throw new Error(`Pipeline ${pipelineId} does not exist in application ${application}`);
      const app = await findApplication(application);
      const principal = { login: execution.authentication.user ?? 'pipeline', roles: execution.authentication.roles, isAdmin: false, canCreateApplications: false };
      const allowed = execution.authentication.user ? app !== undefined && can(principal, 'execute', applicationResource(app)) : application === execution.application;
      if (!allowed) throw new Error(`This execution may not start pipelines of application ${application}`);
      // A crash between starting the child and saving that fact must not start a second child.
      const existing = await childOf(stage);
      if (existing) return existing;
      const outcome = await startExecution({
        pipelineId,
        source: 'pipeline',
        authentication: execution.authentication,
        parent: { executionId: execution.id, stageId: stage.id },
        trigger: {
          type: 'pipeline',
          user: execution.authentication.user ?? undefined,
          parameters,
          parentExecution: { id: execution.id, application: execution.application, name: execution.pipelineName, pipelineConfigId: execution.pipelineId, status: execution.status, trigger: execution.trigger },
          parentPipelineId: execution.pipelineId,
          parentPipelineName: execution.pipelineName,
          parentPipelineApplication: execution.application,
          parentPipelineStageId: stage.id,
          parentStatus: execution.status,
          isPipeline: true,
        },
      });
      if (outcome.kind === 'refused' || outcome.kind === 'duplicate') throw new Error(outcome.reason);
      return { executionId: outcome.executionId, name: pipeline.name };
    },
    async executionSummary(id) {
      const pool = getPool();
      const child = await readExecution(pool, id);
      if (!child) return undefined;
      const outputs: Record<string, unknown> = {};
      for (const s of await readStages(pool, id)) if (isComplete(s.status)) Object.assign(outputs, s.outputs);
      return { id: child.id, name: child.pipelineName, status: child.status, outputs };
    },
    async kubernetes(name) {
      const account = getConfig().kubernetes.accounts.find((a) => a.name === name);
      if (!account) throw new NotFoundError(`Kubernetes account ${name} is not configured in this Foresail`);
      // The engine checked EXECUTE on the application when the run started; deploying also needs WRITE on the account.
      const principal = { login: execution.authentication.user ?? 'pipeline', roles: execution.authentication.roles, isAdmin: false, canCreateApplications: false };
      if (!can(principal, 'write', { kind: 'account', name: account.name, permissions: account.permissions })) {
        const who = execution.authentication.user ? `${execution.authentication.user}'s run` : 'This automatic run';
        const roles = account.permissions.WRITE.length ? `one of the roles ${account.permissions.WRITE.join(', ')}` : 'a role the account grants WRITE (it grants none)';
        throw new ForbiddenError(`${who} may not change Kubernetes account ${name}: that needs ${roles}`);
      }
      return clusterClientFor(account);
    },
    async canaryConfig(application, idOrName) {
      return (await findCanaryConfig(application, idOrName))?.config;
    },
    async prometheusAccount(name) {
      return metricsEndpointForRun(execution.authentication, name, signal);
    },
    async cancelExecution(id, reason) {
      const pool = getPool();
      const child = await readExecution(pool, id);
      if (!child || isComplete(child.status)) return;
      await cancelExecution(id, 'foresail', reason);
    },
  };
}
