import 'server-only';
import { touchExecution } from '../../db/engine/executions';
import { enqueue } from '../../db/engine/jobs';
import { pipelineIdsByName } from '../../db/engine/pipelines';
import type { StageRow } from '../../db/engine/rows';
import { updateStage } from '../../db/engine/stages';
import { isKnownStageType } from '../../pipeline';
import { stageHandlers } from '../../stages';
import type { AnyStageHandler, StageResult } from '../../stages/types';
import { exceptionContext } from '../effects';
import { toNode } from '../nodes';
import { enqueueJudgmentNotifications } from '../notifications/enqueue';
import { planStageStart } from '../plan-start';
import { stageOptions } from '../stage-options';
import { halts, letsDownstreamRun } from '../../pipeline/status';
import { downstreamOf, executionOutcome, failureStatus, syntheticStep, upstreamState } from '../transitions';
import { afterCompletion } from './after-completion';
import { addStages, inlineStartLimit, setExecution, setStage, stageOf, type Locked } from './locked';
import { jobs, runJobKey } from './names';
import { runHandler } from './run-handler';
import { plannedChildren } from './synthetic-children';

/**
 * The engine's transitions, in one place, each in the transaction that holds the execution's
 * lock: start a stage (Orca's StartStage), record a handler's result, hand over to what follows a
 * stage's end, complete the execution. They call each other — a chain of instant stages runs in
 * one transaction — so they live together; the job entry points (start-stage, run-stage,
 * complete-stage, complete-execution, start-execution) only lock and call in.
 */

/** Starts a stage: planned (expressions evaluated now), then run, skipped or failed; a blocked one asks the execution to complete. */
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

/** Starts a stage in this transaction, or queues it once this transaction has started enough. */
export async function startNext(l: Locked, stageId: string): Promise<void> {
  if (l.execution.status !== 'RUNNING') return;
  if (l.started >= inlineStartLimit) return enqueue(l.tx, jobs.startStage, { executionId: l.execution.id, stageId });
  return startStageIn(l, stageId);
}

/** Persists a handler's result; an ended stage hands over at once. */
export async function recordResult(l: Locked, stage: StageRow, result: StageResult): Promise<void> {
  const { tx, execution } = l;
  const now = Date.now();
  const outputs = 'outputs' in result && result.outputs ? { ...stage.outputs, ...result.outputs } : stage.outputs;
  const tasks = result.tasks ?? stage.tasks;
  const key = { jobKey: runJobKey(stage.id) };
  switch (result.status) {
    case 'running': {
      await updateStage(tx, stage.id, { state: result.state, outputs, tasks, waiting: false });
      await touchExecution(tx, execution.id);
      await enqueue(tx, jobs.runStage, { executionId: execution.id, stageId: stage.id, attempt: stage.attempt }, { ...key, runAt: new Date(now + Math.max(0, result.pollAfterMs)) });
      return;
    }
    case 'waiting': {
      const changed = !stage.waiting || JSON.stringify(tasks) !== JSON.stringify(stage.tasks);
      if (changed) await setStage(l, stage, { state: result.state, outputs, tasks, waiting: true });
      else await updateStage(tx, stage.id, { state: result.state, outputs });
      // The first time a judgment waits (per attempt: a restart asks again), its notifications go out.
      if (!stage.waiting && stage.type === 'manualJudgment') await enqueueJudgmentNotifications(tx, execution, stage, 'manualJudgment');
      const timeoutMs = stageOptions(stage.context).timeoutMs;
      const deadline = timeoutMs !== undefined ? (stage.startTime?.getTime() ?? now) + timeoutMs : undefined;
      const wake = [result.wakeAtMs, deadline].filter((t): t is number => t !== undefined);
      if (wake.length > 0) await enqueue(tx, jobs.runStage, { executionId: execution.id, stageId: stage.id, attempt: stage.attempt }, { ...key, runAt: new Date(Math.min(...wake)) });
      return;
    }
    case 'succeeded': {
      const hasAfter = l.stages.some((s) => s.parentStageId === stage.id && s.syntheticStageOwner === 'STAGE_AFTER');
      if (hasAfter) {
        const ran = await setStage(l, stage, { outputs, tasks, state: { parentRan: true }, waiting: false });
        const step = syntheticStep(ran, l.stages, true);
        if (step.kind === 'start') await startNext(l, step.stageId);
        return;
      }
      return afterStageEnded(l, await setStage(l, stage, { status: 'SUCCEEDED', endTime: new Date(now), outputs, tasks, state: null, waiting: false }));
    }
    case 'failed': {
      const status = failureStatus(stageOptions(stage.context));
      return afterStageEnded(l, await setStage(l, stage, { status, endTime: new Date(now), outputs, tasks, waiting: false, context: { ...stage.context, exception: exceptionContext(result.reason, result.details) } }));
    }
  }
}

/**
 * What follows a stage's end: its cancel routine if it halted, then downstream stages start right
 * here (up to a bound), the synthetic parent takes its next step, or the execution completes.
 * Each saved job hop is ~10 ms of a release manager's wait and a share of the worker's capacity.
 */
export async function afterStageEnded(l: Locked, stage: StageRow): Promise<void> {
  const executionId = l.execution.id;
  if (halts(stage.status)) await enqueue(l.tx, jobs.cancelStage, { executionId, stageId: stage.id }, { jobKey: `stage-cancel:${stage.id}:${stage.attempt}` });
  if (stage.parentStageId) return continueParent(l, stage);
  const next = letsDownstreamRun(stage.status) ? downstreamOf(stage, l.stages) : [];
  if (next.length === 0) return completeExecutionIn(l);
  for (const s of next) await startNext(l, s.id);
}

async function continueParent(l: Locked, child: StageRow): Promise<void> {
  const parent = l.stages.find((s) => s.id === child.parentStageId);
  if (!parent || parent.status !== 'RUNNING') return;
  const parentRan = (parent.state as { parentRan?: boolean } | null)?.parentRan === true;
  const step = syntheticStep(parent, l.stages, parentRan);
  switch (step.kind) {
    case 'start':
      return startNext(l, step.stageId);
    case 'run-parent':
      return enqueue(l.tx, jobs.runStage, { executionId: l.execution.id, stageId: parent.id, attempt: parent.attempt }, { jobKey: runJobKey(parent.id) });
    case 'complete-parent': {
      const failedChild = stageOf(l, step.failedChildId ?? '');
      const reason = (failedChild?.context.exception as { details?: { error?: string } } | undefined)?.details?.error;
      const patch =
        step.status === 'SUCCEEDED'
          ? { status: 'SUCCEEDED', endTime: new Date(), state: null }
          : { status: failureStatus(stageOptions(parent.context)), endTime: new Date(), context: { ...parent.context, exception: exceptionContext(`${failedChild?.name ?? 'A step'} failed${reason ? `: ${reason}` : ''}`) } };
      return afterStageEnded(l, await setStage(l, parent, patch));
    }
    case 'wait':
      return;
  }
}

/** Completes the execution if nothing more can run (Orca's CompleteExecution); other running branches are canceled on failure. */
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
