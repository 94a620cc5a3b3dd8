import 'server-only';
import { enqueue } from '../../db/engine/jobs';
import { insertStages } from '../../db/engine/stages';
import { pipelineIdsByName } from '../../db/engine/pipelines';
import type { StageRow } from '../../db/engine/rows';
import { withTransaction, type Tx } from '../../db/pool';
import { isKnownStageType, parseStageForRun } from '../../pipeline';
import { stageHandlers } from '../../stages';
import type { AnyStageHandler } from '../../stages/types';
import { exceptionContext } from '../effects';
import { ulid } from '../ids';
import { planStageStart } from '../plan-start';
import { stageOptions } from '../stage-options';
import { failureStatus, syntheticStep, upstreamState } from '../transitions';
import { executionView } from '../views';
import { completeExecutionIn } from './complete-execution';
import { afterStageEnded, startNext } from './complete-stage';
import { addStages, lockForWork, setStage, stageOf, type Locked } from './locked';
import { jobs, runJobKey, type StagePayload } from './names';
import { recordResult, runHandler } from './run-stage';

/**
 * Orca's StartStage: a stage whose upstream all let it run is planned (expressions evaluated now),
 * then runs, is skipped or fails; a blocked one never starts and the execution is asked to
 * complete. Idempotent: only a NOT_STARTED stage of a RUNNING execution is touched.
 */
export async function startStageJob({ executionId, stageId }: StagePayload, signal: AbortSignal): Promise<void> {
  await withTransaction(async (tx) => {
    const l = await lockForWork(tx, executionId, signal);
    if (l) await startStageIn(l, stageId);
  });
}

/** Starts a stage in the transaction that holds the execution's lock. */
export async function startStageIn(l: Locked, stageId: string): Promise<void> {
  const { tx, execution } = l;
  const executionId = execution.id;
  if (execution.status !== 'RUNNING') return;
  const stage = stageOf(l, stageId);
  if (!stage || stage.status !== 'NOT_STARTED') return;
  if (stage.parentStageId === null) {
    const upstream = upstreamState(stage, l.stages);
    if (upstream === 'blocked') return completeExecutionIn(l);
    if (upstream === 'waiting') return; // the last upstream stage to finish starts it
  }
  l.started += 1;
  const now = new Date();
  // #pipelineId('name') is the only use of the names: skip the query when no expression calls it.
  const pipelineIds = JSON.stringify(stage.context).includes('pipelineId') ? await pipelineIdsByName(tx, execution.application) : new Map<string, string>();
  const plan = planStageStart(execution, l.stages, stage, pipelineIds, now.getTime());
  if (plan.kind === 'skip') {
    return afterStageEnded(l, await setStage(l, stage, { status: 'SKIPPED', startTime: now, endTime: now, context: { ...stage.context, skipReason: plan.reason } }));
  }
  if (plan.kind === 'fail') {
    const status = failureStatus(stageOptions(stage.context));
    return afterStageEnded(l, await setStage(l, stage, { status, startTime: now, endTime: now, context: { ...plan.context, exception: exceptionContext(plan.reason, plan.details) } }));
  }
  const attempt = stage.attempt + 1;
  const running = await setStage(l, stage, { status: 'RUNNING', startTime: now, endTime: null, context: plan.context, attempt, state: null, waiting: false, tasks: [] });
  const children = await plannedChildren(tx, running, l.stages, execution);
  addStages(l, children);
  if (children.length === 0 && isInstant(running.type)) {
    // Pure, quick handlers (wait, judgment, variables…) run here under the lock: no job hop.
    return recordResult(l, running, await runHandler(execution, l.stages, running, l.signal));
  }
  if (children.length === 0) return enqueue(tx, jobs.runStage, { executionId, stageId, attempt }, { jobKey: runJobKey(stageId) });
  const step = syntheticStep(running, l.stages, false);
  if (step.kind === 'start') return startNext(l, step.stageId);
  return enqueue(tx, jobs.runStage, { executionId, stageId, attempt }, { jobKey: runJobKey(stageId) });
}

function isInstant(type: string): boolean {
  return isKnownStageType(type) && (stageHandlers[type] as AnyStageHandler).instant === true;
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
