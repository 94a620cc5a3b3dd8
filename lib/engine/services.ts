import 'server-only';
import { checkoutArtifact, fetchArtifact, type ArtifactFetchDeps } from '../artifacts';
import { can } from '../auth/permissions';
import { applicationResource } from '../auth/resources';
import type { ExecutionRow, StageRow } from '../db/engine/rows';
import { childExecutionOf, latestExecutionOf, readExecution } from '../db/engine/executions';
import { readStages } from '../db/engine/stages';
import { findApplication } from '../db/applications';
import { findPipeline, findPipelineByName } from '../db/pipelines';
import { getPool } from '../db/pool';
import { readSealedArtifact, sealArtifactContent } from '../db/sealed-artifacts';
import { egressFetch, webhookEgressPolicy } from '../egress';
import { getConfig } from '../env';
import { ForbiddenError, NotFoundError } from '../errors';
import { clusterClientFor } from '../kubernetes/client';
import { findCanaryConfig } from '../db/canary-configs';
import { metricsEndpointForRun } from '../auth/metrics-accounts';
import { allArtifactsOf } from '../pipeline/execution-artifacts';
import { isComplete } from '../pipeline/status';
import type { StageServices } from '../stages/types';
import { cancelExecution } from './actions';
import { startExecution } from './start-execution';

/** Remote artifacts are user-chosen URLs, so they go under the webhooks' egress policy (egress.allow). */
function artifactDeps(signal: AbortSignal): ArtifactFetchDeps {
  const config = getConfig();
  return { accounts: config.artifacts.accounts, policy: webhookEgressPolicy(), gitBinary: config.bake.gitBinary, signal };
}

async function childOf(stage: StageRow): Promise<{ executionId: string; name: string } | undefined> {
  const child = await childExecutionOf(getPool(), stage.id, stage.startTime ?? new Date(0));
  return child ? { executionId: child.id, name: child.pipelineName } : undefined;
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
    async lastExecutionArtifacts({ application, pipelineId, statuses }) {
      const pipeline = (await findPipeline(pipelineId)) ?? (await findPipelineByName(application, pipelineId));
      const app = await findApplication(application);
      const principal = { login: execution.authentication.user ?? 'pipeline', roles: execution.authentication.roles, isAdmin: false, canCreateApplications: false };
      // The other pipeline's artifacts may carry what only its readers should see; its own application is always readable to a run of it.
      const readable = application === execution.application || (app !== undefined && can(principal, 'read', applicationResource(app)));
      if (!pipeline || pipeline.application !== application || !readable) throw new NotFoundError(`Pipeline ${pipelineId} does not exist in application ${application}, or this run may not read that application`);
      const pool = getPool();
      const found = await latestExecutionOf(pool, pipeline.id, statuses, execution.id);
      if (!found) return undefined;
      return { id: found.id, status: found.status, artifacts: allArtifactsOf(found.trigger, await readStages(pool, found.id)) };
    },
    async fetchArtifact(artifact, what) {
      const fetched = await fetchArtifact(artifact, artifactDeps(signal));
      return 'error' in fetched ? { error: `Could not read the ${what}: ${fetched.error}` } : fetched;
    },
    async checkoutArtifact(artifact, what, dir) {
      const checkout = await checkoutArtifact(artifact, dir, artifactDeps(signal));
      return 'error' in checkout ? { error: `Could not read the ${what}: ${checkout.error}` } : checkout;
    },
    sealArtifact: (content) => sealArtifactContent({ executionId: execution.id, application: execution.application, content }),
    async unsealArtifact(id) {
      const sealed = await readSealedArtifact(id);
      // Only the baking application's runs: READ on it must not be a way to deploy (and so read) its Secrets elsewhere.
      return sealed && sealed.application === execution.application ? sealed.content : undefined;
    },
    helmBinary: () => getConfig().bake.helmBinary,
    kustomizeBinary: () => getConfig().bake.kustomizeBinary,
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
