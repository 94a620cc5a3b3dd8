import 'server-only';
import type { ExecutionRow, StageRow } from '../db/engine/rows';
import { deleteStages, readStages } from '../db/engine/stages';
import { enqueue } from '../db/engine/jobs';
import { deleteExecutionRow, lockExecution } from '../db/engine/executions';
import { withTransaction, type Tx } from '../db/pool';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { manualSkipRefusal } from '../pipeline/manual-skip';
import { changeExecution, changeStage } from './effects';
import { afterCompletion } from './jobs/after-completion';
import { jobs, runJobKey } from './jobs/names';
import { enqueueJudgmentNotifications } from './notifications/enqueue';
import { isComplete } from '../pipeline/status';
import { restartSet, topLevelAncestor } from './transitions';
import { findStage } from '../pipeline/find-stage';

/**
 * What people do to running executions (API, Gate, UI). Each is one transaction under the
 * execution lock, so concurrent actions are decided one after another (50 judgments on one stage:
 * one decision, 49 conflicts).
 */

async function locked<T>(executionId: string, fn: (tx: Tx, execution: ExecutionRow, stages: StageRow[]) => Promise<T>): Promise<T> {
  return withTransaction(async (tx) => {
    const execution = await lockExecution(tx, executionId);
    if (!execution) throw new NotFoundError(`Execution ${executionId} not found`);
    return fn(tx, execution, await readStages(tx, executionId));
  });
}

function stageOf(stages: StageRow[], stageId: string): StageRow {
  const stage = findStage(stages, stageId);
  if (!stage) throw new NotFoundError(`Stage ${stageId} not found in this execution`);
  return stage;
}

export async function cancelExecution(executionId: string, by: string, reason?: string): Promise<void> {
  await locked(executionId, async (tx, execution, stages) => {
    if (isComplete(execution.status)) throw new ConflictError(`The execution already finished (${execution.status})`);
    const now = new Date();
    for (const stage of stages.filter((s) => s.status === 'RUNNING' || s.status === 'PAUSED')) {
      await changeStage(tx, execution, stage, { status: 'CANCELED', endTime: now, waiting: false });
      await enqueue(tx, jobs.cancelStage, { executionId, stageId: stage.id }, { jobKey: `stage-cancel:${stage.id}:${stage.attempt}` });
    }
    const done = await changeExecution(tx, execution, { status: 'CANCELED', canceled: true, canceledBy: by, cancellationReason: reason?.trim() || null, endTime: now });
    await afterCompletion(tx, done);
  });
}

export async function pauseExecution(executionId: string, by: string): Promise<void> {
  await locked(executionId, async (tx, execution, stages) => {
    if (execution.status !== 'RUNNING') throw new ConflictError(`Only a running execution can be paused (it is ${execution.status})`);
    for (const stage of stages.filter((s) => s.status === 'RUNNING')) await changeStage(tx, execution, stage, { status: 'PAUSED' });
    await changeExecution(tx, execution, { status: 'PAUSED', paused: { pausedBy: by, pauseTime: Date.now() } });
  });
}

export async function resumeExecution(executionId: string, by: string): Promise<void> {
  await locked(executionId, async (tx, execution, stages) => {
    if (execution.status !== 'PAUSED') throw new ConflictError(`Only a paused execution can be resumed (it is ${execution.status})`);
    for (const stage of stages.filter((s) => s.status === 'PAUSED')) await changeStage(tx, execution, stage, { status: 'RUNNING' });
    const pausedAt = execution.paused?.pauseTime ?? Date.now();
    await changeExecution(tx, execution, { status: 'RUNNING', paused: { ...execution.paused, resumedBy: by, resumeTime: Date.now(), pausedMs: Date.now() - pausedAt } });
    await enqueue(tx, jobs.redrive, { executionId });
  });
}

/**
 * Orca's restart: the stage's top-level ancestor and everything downstream go back to NOT_STARTED
 * (synthetic children deleted), with who/when/the previous error recorded, and the stage starts again.
 */
export async function restartStage(executionId: string, stageId: string, by: string): Promise<void> {
  await locked(executionId, async (tx, execution, stages) => {
    const root = topLevelAncestor(stageOf(stages, stageId), stages) as StageRow;
    if (root.status === 'RUNNING' || root.status === 'PAUSED') throw new ConflictError(`${root.name} is still running; only a finished or not-started stage can be restarted`);
    const reset = restartSet(root, stages) as StageRow[];
    await deleteStages(tx, reset.filter((s) => s.parentStageId !== null).map((s) => s.id));
    const original = new Map((Array.isArray(execution.config.stages) ? (execution.config.stages as Record<string, unknown>[]) : []).map((s) => [String(s.refId), s]));
    for (const stage of reset.filter((s) => s.parentStageId === null)) {
      const { refId: _r, requisiteStageRefIds: _q, type: _t, name: _n, ...config } = original.get(stage.refId) ?? {};
      const restartDetails = stage.id === root.id ? { restartDetails: { restartedBy: by, restartTime: Date.now(), previousException: stage.context.exception ?? null } } : {};
      await changeStage(tx, execution, stage, { status: 'NOT_STARTED', startTime: null, endTime: null, outputs: {}, tasks: [], state: null, waiting: false, context: { ...config, ...restartDetails } });
    }
    if (execution.status !== 'RUNNING') await changeExecution(tx, execution, { status: 'RUNNING', endTime: null, canceled: false, canceledBy: null, cancellationReason: null });
    await enqueue(tx, jobs.startStage, { executionId, stageId: root.id });
  });
}

export interface Judgment {
  judgmentStatus: 'continue' | 'stop';
  judgmentInput?: string;
}

/** Records a manual judgment; the stage's handler then continues or stops the pipeline. */
export async function judgeStage(executionId: string, stageId: string, judgment: Judgment, by: string): Promise<void> {
  await locked(executionId, async (tx, execution, stages) => {
    const stage = stageOf(stages, stageId);
    if (stage.type !== 'manualJudgment') throw new ConflictError(`${stage.name} is not a manual judgment`);
    const previous = stage.lastModified;
    if (typeof stage.context.judgmentStatus === 'string') {
      throw new ConflictError(`${stage.name} was already judged (${String(stage.context.judgmentStatus)}) by ${previous?.user ?? 'someone'}${previous ? ` at ${new Date(previous.time).toISOString()}` : ''}`);
    }
    if (stage.status !== 'RUNNING') throw new ConflictError(`${stage.name} is not waiting for a judgment (it is ${stage.status})`);
    const context = { ...stage.context, judgmentStatus: judgment.judgmentStatus, ...(judgment.judgmentInput ? { judgmentInput: judgment.judgmentInput } : {}), lastModifiedBy: by };
    await changeStage(tx, execution, stage, { context, lastModified: { user: by, time: Date.now() } });
    await enqueue(tx, jobs.runStage, { executionId, stageId: stage.id, attempt: stage.attempt }, { jobKey: runJobKey(stage.id) });
    const event = judgment.judgmentStatus === 'continue' ? 'manualJudgmentContinue' : 'manualJudgmentStop';
    await enqueueJudgmentNotifications(tx, execution, stage, event, { judgedBy: by, input: judgment.judgmentInput });
  });
}

/** Ends a wait stage now (Deck's "Skip remaining wait"). */
export async function skipRemainingWait(executionId: string, stageId: string, by: string): Promise<void> {
  await locked(executionId, async (tx, execution, stages) => {
    const stage = stageOf(stages, stageId);
    if (stage.type !== 'wait' || stage.status !== 'RUNNING') throw new ConflictError(`${stage.name} is not a running wait stage`);
    await changeStage(tx, execution, stage, { context: { ...stage.context, skipRemainingWait: true }, lastModified: { user: by, time: Date.now() } });
    await enqueue(tx, jobs.runStage, { executionId, stageId: stage.id, attempt: stage.attempt }, { jobKey: runJobKey(stage.id) });
  });
}

/**
 * Orca's manual skip: a running stage becomes SKIPPED (its cancel routine cleans up) and the
 * pipeline moves on — so only stage types that allow it may be skipped (manualSkipRefusal), never a
 * judgment or a canary analysis. Checked here, under the lock, for every caller (v1, Gate, UI).
 */
export async function skipStage(executionId: string, stageId: string, by: string, reason: string | undefined): Promise<void> {
  await locked(executionId, async (tx, execution, stages) => {
    const stage = stageOf(stages, stageId);
    const refusal = manualSkipRefusal(stage);
    if (refusal) throw new ForbiddenError(refusal);
    if (stage.status !== 'RUNNING') throw new ConflictError(`${stage.name} is not running (it is ${stage.status})`);
    const context = { ...stage.context, manualSkip: true, skippedBy: by, ...(reason ? { skipReason: reason } : {}) };
    await changeStage(tx, execution, stage, { status: 'SKIPPED', endTime: new Date(), waiting: false, lastModified: { user: by, time: Date.now() }, context });
    await enqueue(tx, jobs.cancelStage, { executionId, stageId: stage.id }, { jobKey: `stage-cancel:${stage.id}:${stage.attempt}` });
    await enqueue(tx, jobs.completeStage, { executionId, stageId: stage.id });
  });
}

export async function deleteExecution(executionId: string): Promise<void> {
  await locked(executionId, async (tx, execution) => {
    if (!isComplete(execution.status) && execution.status !== 'NOT_STARTED') throw new ConflictError(`The execution is ${execution.status}; cancel it before deleting it`);
    await deleteExecutionRow(tx, executionId);
  });
}
