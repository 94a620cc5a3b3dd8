import 'server-only';
import { audited } from '../audit';
import { assertCan, can } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import { applicationResource } from '../auth/resources';
import { visibleApplications } from '../auth/visible-applications';
import { findApplication } from '../db/applications';
import { findExecutionDto, findExecutionSummary, findStageDtos } from '../db/executions';
import type { PipelineRecord } from '../db/pipelines';
import { cancelExecution, deleteExecution, judgeStage, pauseExecution, restartStage, resumeExecution, skipRemainingWait, skipStage } from '../engine/actions';
import { startExecution } from '../engine/start-execution';
import type { StartOutcome } from '../engine/start-types';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { ApplicationDto } from '../pipeline/application';
import type { ExecutionDto, ExecutionSummary, StageDto } from '../pipeline/execution';
import { judgmentRoles } from '../pipeline/judgments';
import { findStage } from '../pipeline/find-stage';
import type { RequestMeta } from '../request-meta';

/** The execution, if the user may see its application; 404 otherwise (no existence leak). */
export async function visibleExecution(user: SessionUser, id: string): Promise<{ execution: ExecutionDto; application: ApplicationDto }> {
  const execution = await findExecutionDto(id);
  const application = execution ? await findApplication(execution.application) : undefined;
  if (!execution || !application || !can(user, 'read', applicationResource(application))) throw new NotFoundError(`Execution ${id} not found`);
  return { execution, application };
}

/** The execution with stage summaries only, under the same check as visibleExecution. */
export async function visibleExecutionSummary(user: SessionUser, id: string): Promise<{ execution: ExecutionSummary; application: ApplicationDto }> {
  const execution = await findExecutionSummary(id);
  const application = execution ? await findApplication(execution.application) : undefined;
  if (!execution || !application || !can(user, 'read', applicationResource(application))) throw new NotFoundError(`Execution ${id} not found`);
  return { execution, application };
}

/** One stage in full, under the same check as its execution; 404 for a stage not in it. */
export async function visibleStage(user: SessionUser, executionId: string, stageId: string): Promise<StageDto> {
  await visibleExecutionSummary(user, executionId);
  const [stage] = await findStageDtos(executionId, { ids: [stageId] });
  if (!stage) throw new NotFoundError(`Stage ${stageId} not found in execution ${executionId}`);
  return stage;
}

/** The manual judgments of an execution this user may decide (their roles are in the stages' contexts). */
export async function judgeableStageIds(user: SessionUser, application: Pick<ApplicationDto, 'name' | 'permissions'>, executionId: string): Promise<string[]> {
  const judgments = await findStageDtos(executionId, { types: ['manualJudgment'] });
  return judgments.filter((s) => mayJudge(user, application, s.context)).map((s) => s.id);
}

export async function visibleApplicationNames(user: SessionUser): Promise<string[]> {
  return (await visibleApplications(user)).map((a) => a.name);
}

/** Starts a pipeline by hand (UI, API, spin): EXECUTE on the application. */
export async function triggerPipeline(meta: RequestMeta, user: SessionUser, application: ApplicationDto, pipeline: PipelineRecord, input: { parameters: Record<string, unknown>; artifacts: Record<string, unknown>[] }, source: 'manual' | 'api' | 'gate' = 'manual'): Promise<Extract<StartOutcome, { executionId: string }>> {
  const outcome = await audited(meta, user, { action: 'execution.trigger', targetType: 'pipeline', targetId: pipeline.id, application: application.name, details: { pipeline: pipeline.name, parameters: input.parameters } }, async () => {
    assertCan(user, 'execute', applicationResource(application));
    return startExecution({
      pipelineId: pipeline.id,
      source: user.via === 'token' && source === 'manual' ? 'api' : source,
      authentication: { user: user.login, roles: [...user.roles] },
      trigger: { type: 'manual', user: user.login, parameters: input.parameters, artifacts: input.artifacts },
    });
  });
  if (outcome.kind === 'refused') throw new ValidationError(outcome.reason, outcome.issues ?? []);
  if (outcome.kind === 'duplicate') throw new ValidationError(outcome.reason);
  return outcome;
}

type Action = 'cancel' | 'pause' | 'resume' | 'delete';

export async function executionAction(meta: RequestMeta, user: SessionUser, id: string, action: Action, reason?: string): Promise<void> {
  const { execution, application } = await visibleExecution(user, id);
  await audited(meta, user, { action: `execution.${action}`, targetType: 'execution', targetId: id, application: application.name, details: { pipeline: execution.name, ...(reason ? { reason } : {}) } }, async () => {
    assertCan(user, 'execute', applicationResource(application));
    if (action === 'cancel') await cancelExecution(id, user.login, reason);
    else if (action === 'pause') await pauseExecution(id, user.login);
    else if (action === 'resume') await resumeExecution(id, user.login);
    else await deleteExecution(id);
  });
}

type StageAction = 'restart' | 'skip-wait';

export async function stageAction(meta: RequestMeta, user: SessionUser, id: string, stageId: string, action: StageAction): Promise<void> {
  const { execution, application } = await visibleExecution(user, id);
  const stage = findStage(execution.stages, stageId);
  if (!stage) throw new NotFoundError(`Stage ${stageId} not found in this execution`);
  await audited(meta, user, { action: `stage.${action}`, targetType: 'stage', targetId: stage.id, application: application.name, details: { execution: id, stage: stage.name } }, async () => {
    assertCan(user, 'execute', applicationResource(application));
    if (action === 'restart') await restartStage(id, stage.id, user.login);
    else await skipRemainingWait(id, stage.id, user.login);
  });
}

/**
 * Skips a running stage: EXECUTE, and a stage type that allows it (lib/pipeline/manual-skip: never a
 * judgment or a canary analysis). Audited with who, why and the refusal when there is one.
 */
export async function skipStageFor(meta: RequestMeta, user: SessionUser, id: string, stageId: string, reason: string | undefined): Promise<void> {
  const { execution, application } = await visibleExecution(user, id);
  const stage = findStage(execution.stages, stageId);
  if (!stage) throw new NotFoundError(`Stage ${stageId} not found in this execution`);
  const why = reason?.trim() || undefined;
  await audited(meta, user, { action: 'stage.skip', targetType: 'stage', targetId: stage.id, application: application.name, details: { execution: id, stage: stage.name, type: stage.type, skipReason: why ?? null } }, async () => {
    assertCan(user, 'execute', applicationResource(application));
    await skipStage(id, stage.id, user.login, why);
  });
}

/**
 * Who may judge a manual judgment stage — the one rule the judgment route, the awaiting-judgment
 * lists and the execution page use: EXECUTE on the application and, when the stage names roles
 * (judgmentRoles), one of them.
 */
export function mayJudge(user: SessionUser, application: Pick<ApplicationDto, 'name' | 'permissions'>, stageContext: Record<string, unknown>): boolean {
  return can(user, 'judge', { kind: 'judgment', application: { name: application.name, permissions: application.permissions }, stageRoles: judgmentRoles(stageContext) });
}

/** A manual judgment: EXECUTE on the application and one of the stage's roles (if it names any). */
export async function judge(meta: RequestMeta, user: SessionUser, id: string, stageId: string, judgment: 'continue' | 'stop', input?: string): Promise<void> {
  const { execution, application } = await visibleExecution(user, id);
  const stage = findStage(execution.stages, stageId);
  if (!stage) throw new NotFoundError(`Stage ${stageId} not found in this execution`);
  const roles = judgmentRoles(stage.context);
  await audited(meta, user, { action: 'stage.judgment', targetType: 'stage', targetId: stage.id, application: application.name, details: { execution: id, stage: stage.name, judgment, input } }, async () => {
    if (!mayJudge(user, application, stage.context)) {
      throw new ForbiddenError(`You (${user.login}) may not judge ${stage.name}: it needs EXECUTE on ${application.name}${roles.length > 0 ? ` and one of the roles ${roles.join(', ')}` : ''}`);
    }
    await judgeStage(id, stage.id, { judgmentStatus: judgment, judgmentInput: input }, user.login);
  });
}
