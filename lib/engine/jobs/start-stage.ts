import 'server-only';
import { enqueue, insertStages, lockExecution, pipelineIdsByName, readStages } from '../../db/engine/store';
import type { StageRow } from '../../db/engine/rows';
import { withTransaction, type Tx } from '../../db/pool';
import { isKnownStageType, parseStageForRun } from '../../pipeline';
import { stageHandlers } from '../../stages';
import type { AnyStageHandler } from '../../stages/types';
import { changeStage, exceptionContext } from '../effects';
import { ulid } from '../ids';
import { planStageStart } from '../plan-start';
import { stageOptions } from '../stage-options';
import { failureStatus, syntheticStep, upstreamState } from '../transitions';
import { executionView } from '../views';
import { jobs, runJobKey, type StagePayload } from './names';

/**
 * Orca's StartStage: a stage whose upstream all let it run is planned (expressions evaluated now),
 * then runs, is skipped or fails; a blocked one never starts and the execution is asked to
 * complete. Idempotent: only a NOT_STARTED stage of a RUNNING execution is touched.
 */
export async function startStageJob({ executionId, stageId }: StagePayload): Promise<void> {
  await withTransaction(async (tx) => {
    const execution = await lockExecution(tx, executionId);
    if (!execution || execution.status !== 'RUNNING') return;
    const stages = await readStages(tx, executionId);
    const stage = stages.find((s) => s.id === stageId);
    if (!stage || stage.status !== 'NOT_STARTED') return;
    if (stage.parentStageId === null) {
      const upstream = upstreamState(stage, stages);
      if (upstream === 'blocked') return enqueue(tx, jobs.completeExecution, { executionId });
      if (upstream === 'waiting') return; // the last upstream stage to finish starts it
    }
    const now = new Date();
    const plan = planStageStart(execution, stages, stage, await pipelineIdsByName(tx, execution.application), now.getTime());
    if (plan.kind === 'skip') {
      await changeStage(tx, execution, stage, { status: 'SKIPPED', startTime: now, endTime: now, context: { ...stage.context, skipReason: plan.reason } });
      return enqueue(tx, jobs.completeStage, { executionId, stageId });
    }
    if (plan.kind === 'fail') {
      const status = failureStatus(stageOptions(stage.context));
      await changeStage(tx, execution, stage, { status, startTime: now, endTime: now, context: { ...plan.context, exception: exceptionContext(plan.reason, plan.details) } });
      return enqueue(tx, jobs.completeStage, { executionId, stageId });
    }
    const attempt = stage.attempt + 1;
    const running = await changeStage(tx, execution, stage, { status: 'RUNNING', startTime: now, endTime: null, context: plan.context, attempt, state: null, waiting: false, tasks: [] });
    const children = await plannedChildren(tx, running, stages, execution);
    if (children.length === 0) return enqueue(tx, jobs.runStage, { executionId, stageId, attempt }, { jobKey: runJobKey(stageId) });
    const step = syntheticStep(running, [...stages, ...children], false);
    if (step.kind === 'start') return enqueue(tx, jobs.startStage, { executionId, stageId: step.stageId });
    return enqueue(tx, jobs.runStage, { executionId, stageId, attempt }, { jobKey: runJobKey(stageId) });
  });
}

/** Creates the synthetic children a stage expands into (none for most stage types). */
async function plannedChildren(tx: Tx, stage: StageRow, stages: StageRow[], execution: Parameters<typeof executionView>[0]): Promise<StageRow[]> {
  if (!isKnownStageType(stage.type)) return [];
  const handler = stageHandlers[stage.type] as AnyStageHandler;
  const parsed = parseStageForRun({ ...stage.context, type: stage.type, refId: stage.refId, name: stage.name });
  if (!handler.syntheticStages || !parsed.ok) return [];
  const defs = (handler.syntheticStages as (config: unknown, e: ReturnType<typeof executionView>) => ReturnType<NonNullable<AnyStageHandler['syntheticStages']>>)(parsed.stage, executionView(execution));
  // Children of an earlier attempt (before a restart) are gone; positions follow the parent's.
  const base = stage.position * 1000;
  const rows = defs.map((def, i) => ({
    id: ulid(),
    refId: `${stage.refId}${def.owner === 'STAGE_BEFORE' ? '<' : '>'}${i + 1}`,
    type: def.type,
    name: def.name,
    requisiteStageRefIds: [],
    parentStageId: stage.id,
    syntheticStageOwner: def.owner,
    position: base + i + 1,
    context: def.context,
  }));
  const existing = new Set(stages.map((s) => s.refId));
  const fresh = rows.filter((r) => !existing.has(r.refId));
  await insertStages(tx, execution.id, fresh);
  return fresh.map((r) => ({ ...r, executionId: execution.id, status: 'NOT_STARTED', outputs: {}, tasks: [], state: null, attempt: 0, waiting: false, startTime: null, endTime: null, lastModified: null }));
}
