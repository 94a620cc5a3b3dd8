import 'server-only';
import type { StageRow } from '../../db/engine/rows';
import { enqueue } from '../../db/engine/jobs';
import { withTransaction } from '../../db/pool';
import { exceptionContext } from '../effects';
import { stageOptions } from '../stage-options';
import { halts, isComplete, letsDownstreamRun } from '../status';
import { downstreamOf, failureStatus, syntheticStep } from '../transitions';
import { completeExecutionIn } from './complete-execution';
import { inlineStartLimit, lockForWork, setStage, stageOf, type Locked } from './locked';
import { jobs, runJobKey, type StagePayload } from './names';
import { startStageIn } from './start-stage';

/**
 * After a stage ended (queued by actions such as a manual skip): its cancel routine if it halted,
 * then what comes next. Idempotent: starting an already started stage or completing a completed
 * execution does nothing.
 */
export async function completeStageJob({ executionId, stageId }: StagePayload, signal: AbortSignal): Promise<void> {
  await withTransaction(async (tx) => {
    const l = await lockForWork(tx, executionId, signal);
    if (!l || (l.execution.status !== 'RUNNING' && l.execution.status !== 'PAUSED')) return;
    const stage = stageOf(l, stageId);
    if (stage && isComplete(stage.status)) await afterStageEnded(l, stage);
  });
}

/**
 * What follows a stage's end, in the transaction that ended it: downstream stages start right
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

/** Starts a stage in this transaction, or queues it once this transaction has started enough. */
export async function startNext(l: Locked, stageId: string): Promise<void> {
  if (l.execution.status !== 'RUNNING') return;
  if (l.started >= inlineStartLimit) return enqueue(l.tx, jobs.startStage, { executionId: l.execution.id, stageId });
  return startStageIn(l, stageId);
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
