import 'server-only';
import { claimCronFiring } from '../db/engine/cron-firings';
import { claimDelivery } from '../db/engine/deliveries';
import { emitEvent } from '../db/engine/events';
import { insertExecution, priorArtifacts } from '../db/engine/executions';
import { enqueue } from '../db/engine/jobs';
import { readPipelineForRun } from '../db/engine/pipelines';
import { insertStages } from '../db/engine/stages';
import { withTransaction } from '../db/pool';
import { insertTriggerAttempts, type TriggerAttemptOutcome } from '../db/trigger-attempts';
import type { Artifact, ExpectedArtifact } from '../pipeline';
import { describeUnmatched, resolveExpectedArtifacts } from '../pipeline/artifact-binding';
import { mustWait } from './concurrency';
import { ulid } from './ids';
import { jobs } from './jobs/names';
import { resolveParameters, type ParameterSpec } from './parameters';
import type { StartOutcome, StartRequest } from './start-types';
import { isTemplatedPipeline } from '../pipeline/templates/resolve';
import { resolveTemplateForRun } from './template-run';

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/**
 * Starts (or queues) an execution of a pipeline, atomically: the snapshot of the config, its stage
 * rows, the de-duplication claim (webhook delivery or cron fire time), the trigger log row and the
 * first job commit together or not at all. Refusals are explained, never silent.
 */
export async function startExecution(req: StartRequest): Promise<StartOutcome> {
  return withTransaction(async (tx) => {
    const pipeline = await readPipelineForRun(tx, req.pipelineId);
    const deliveryId = req.delivery?.id ?? null;
    const attempt = (outcome: TriggerAttemptOutcome, reason: string, executionId: string | null = null, details?: Record<string, unknown>) =>
      insertTriggerAttempts(tx, [{ source: req.source, application: pipeline?.application ?? null, pipelineId: req.pipelineId, deliveryId, outcome, reason, executionId, details }]);
    const refuse = async (reason: string, issues?: { path: string; message: string }[]): Promise<StartOutcome> => {
      await attempt('refused', reason, null, issues ? { issues } : undefined);
      return { kind: 'refused', reason, issues };
    };
    if (!pipeline) return refuse(`Pipeline ${req.pipelineId} does not exist`);
    if (pipeline.disabled) return refuse(`Pipeline ${pipeline.name} is disabled`);

    if (req.delivery && !(await claimDelivery(tx, req.delivery.source, req.delivery.id))) {
      const reason = `Delivery ${req.delivery.id} was already received; a delivery starts at most one execution`;
      await attempt('duplicate', reason);
      return { kind: 'duplicate', reason };
    }

    let config = pipeline.config;
    if (isTemplatedPipeline(config)) {
      const resolved = await resolveTemplateForRun(tx, config);
      if (!resolved.ok) return refuse(resolved.reason, resolved.issues);
      config = resolved.config;
    }
    const given = (req.trigger.parameters as Record<string, unknown> | undefined) ?? {};
    const { parameters, errors } = resolveParameters(list<ParameterSpec>(config.parameterConfig), given);
    if (errors.length > 0) return refuse(`The run was refused: ${errors.map((e) => e.message).join('; ')}`, errors);

    // Configs were validated when saved, so their artifacts have the model's shape.
    const received = list<Artifact>(req.trigger.artifacts);
    const expected = list<ExpectedArtifact>(config.expectedArtifacts);
    const triggerExpectedIds = req.trigger.type === 'manual' ? expected.map((e) => e.id) : list<string>(req.trigger.expectedArtifactIds);
    const prior = (await priorArtifacts(tx, pipeline.id)).map((r) => r.boundArtifact).filter((a): a is Artifact => typeof a === 'object' && a !== null);
    const artifacts = resolveExpectedArtifacts({ expected, received, prior, triggerExpectedIds });
    if (artifacts.unmatched.length > 0) return refuse(`The run was refused: ${describeUnmatched(artifacts.unmatched)}`);

    const id = ulid();
    if (req.cronFiring && !(await claimCronFiring(tx, pipeline.id, req.cronFiring.triggerKey, req.cronFiring.fireAt, id))) {
      const reason = `The cron fire at ${req.cronFiring.fireAt.toISOString()} already started an execution`;
      await attempt('duplicate', reason);
      return { kind: 'duplicate', reason };
    }

    const trigger = {
      ...req.trigger,
      parameters,
      artifacts: artifacts.artifacts,
      resolvedExpectedArtifacts: artifacts.resolved.map((r) => r.expectedArtifact),
      user: req.trigger.user ?? req.authentication.user ?? undefined,
    };
    await insertExecution(tx, {
      id,
      application: pipeline.application,
      pipelineId: pipeline.id,
      pipelineName: pipeline.name,
      status: 'NOT_STARTED',
      trigger,
      config,
      triggerType: String(req.trigger.type ?? req.source),
      triggerUser: req.authentication.user,
      authentication: req.authentication,
      parentExecutionId: req.parent?.executionId ?? null,
      parentStageId: req.parent?.stageId ?? null,
    });
    await insertStages(tx, id, stageRows(config));
    const queued = await mustWait(tx, { id, pipelineId: pipeline.id, config });
    await emitEvent(tx, { application: pipeline.application, executionId: id, kind: 'execution', payload: { status: 'NOT_STARTED', pipelineId: pipeline.id, pipelineName: pipeline.name, created: true } });
    if (queued) {
      await enqueue(tx, jobs.dequeue, { pipelineId: pipeline.id }, { jobKey: `dequeue:${pipeline.id}` });
      await attempt('queued', `Waiting: another execution of ${pipeline.name} is running (concurrency limit)`, id);
      return { kind: 'queued', executionId: id };
    }
    await enqueue(tx, jobs.startExecution, { executionId: id });
    await attempt('started', `Started ${pipeline.name}`, id);
    return { kind: 'started', executionId: id };
  });
}

function stageRows(config: Record<string, unknown>): Parameters<typeof insertStages>[2] {
  return list<Record<string, unknown>>(config.stages).map((stage, position) => {
    const { refId, requisiteStageRefIds, type, name, ...rest } = stage;
    return {
      id: ulid(),
      refId: String(refId ?? position),
      type: String(type ?? 'unknown'),
      name: typeof name === 'string' && name ? name : String(type ?? 'Stage'),
      requisiteStageRefIds: list<unknown>(requisiteStageRefIds).map(String),
      parentStageId: null,
      syntheticStageOwner: null,
      position,
      context: rest,
    };
  });
}


