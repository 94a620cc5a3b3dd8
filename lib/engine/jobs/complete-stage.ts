import 'server-only';
import type { ExecutionRow, StageRow } from '../../db/engine/rows';
import { enqueue, lockExecution, readStages } from '../../db/engine/store';
import { withTransaction, type Tx } from '../../db/pool';
import { changeStage, exceptionContext } from '../effects';
import { stageOptions } from '../stage-options';
import { halts, isComplete, letsDownstreamRun } from '../status';
import { downstreamOf, failureStatus, syntheticStep } from '../transitions';
import { jobs, runJobKey, type StagePayload } from './names';

/**
 * After a stage ended: its cancel routine if it halted, then start what comes next — downstream
 * stages, the synthetic parent's next step, or the execution's completion. Idempotent: starting an
 * already started stage or completing a completed execution does nothing.
 */
export async function completeStageJob({ executionId, stageId }: StagePayload): Promise<void> {
  await withTransaction(async (tx) => {
    const execution = await lockExecution(tx, executionId);
    if (!execution || (execution.status !== 'RUNNING' && execution.status !== 'PAUSED')) return;
    const stages = await readStages(tx, executionId);
    const stage = stages.find((s) => s.id === stageId);
    if (!stage || !isComplete(stage.status)) return;
    if (halts(stage.status)) await enqueue(tx, jobs.cancelStage, { executionId, stageId }, { jobKey: `stage-cancel:${stageId}:${stage.attempt}` });
    if (stage.parentStageId) return continueParent(tx, execution, stages, stage);
    const next = letsDownstreamRun(stage.status) ? downstreamOf(stage, stages) : [];
    if (next.length === 0) return enqueue(tx, jobs.completeExecution, { executionId });
    for (const s of next) await enqueue(tx, jobs.startStage, { executionId, stageId: s.id });
  });
}

async function continueParent(tx: Tx, execution: ExecutionRow, stages: StageRow[], child: StageRow): Promise<void> {
  const parent = stages.find((s) => s.id === child.parentStageId);
  if (!parent || parent.status !== 'RUNNING') return;
  const parentRan = (parent.state as { parentRan?: boolean } | null)?.parentRan === true;
  const step = syntheticStep(parent, stages, parentRan);
  const executionId = execution.id;
  switch (step.kind) {
    case 'start':
      return enqueue(tx, jobs.startStage, { executionId, stageId: step.stageId });
    case 'run-parent':
      return enqueue(tx, jobs.runStage, { executionId, stageId: parent.id, attempt: parent.attempt }, { jobKey: runJobKey(parent.id) });
    case 'complete-parent': {
      const failedChild = stages.find((s) => s.id === step.failedChildId);
      const reason = (failedChild?.context.exception as { details?: { error?: string } } | undefined)?.details?.error;
      const patch =
        step.status === 'SUCCEEDED'
          ? { status: 'SUCCEEDED', endTime: new Date(), state: null }
          : { status: failureStatus(stageOptions(parent.context)), endTime: new Date(), context: { ...parent.context, exception: exceptionContext(`${failedChild?.name ?? 'A step'} failed${reason ? `: ${reason}` : ''}`) } };
      await changeStage(tx, execution, parent, patch);
      return enqueue(tx, jobs.completeStage, { executionId, stageId: parent.id });
    }
    case 'wait':
      return;
  }
}
