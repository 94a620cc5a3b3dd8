import 'server-only';
import { enqueue } from '../../db/engine/jobs';
import { lockExecution } from '../../db/engine/executions';
import { queuedExecutions } from '../../db/engine/concurrency';
import { readStages } from '../../db/engine/stages';
import { withTransaction } from '../../db/pool';
import { mustWait } from '../concurrency';
import { changeExecution } from '../effects';
import { isComplete } from '../../pipeline/status';
import { syntheticStep, topLevel, upstreamState } from '../transitions';
import { jobs, runJobKey, type ExecutionPayload } from './names';

/**
 * Re-creates the jobs an execution needs from its state alone (after a pause, or when the
 * watchdog finds it not moving): running stages run again, startable stages start, and the
 * execution completes if it can. Every job is idempotent, so extra ones are harmless.
 */
export async function redriveJob({ executionId }: ExecutionPayload): Promise<void> {
  await withTransaction(async (tx) => {
    const execution = await lockExecution(tx, executionId);
    if (!execution) return;
    if (execution.status === 'NOT_STARTED' && !execution.canceled) return enqueue(tx, jobs.startExecution, { executionId });
    if (execution.status !== 'RUNNING') return;
    const stages = await readStages(tx, executionId);
    for (const stage of stages) {
      if (stage.status === 'RUNNING') {
        const children = stages.some((s) => s.parentStageId === stage.id);
        const parentRan = (stage.state as { parentRan?: boolean } | null)?.parentRan === true;
        const step = children ? syntheticStep(stage, stages, parentRan) : ({ kind: 'run-parent' } as const);
        if (step.kind === 'start') await enqueue(tx, jobs.startStage, { executionId, stageId: step.stageId });
        else if (step.kind === 'run-parent' && !parentRan) await enqueue(tx, jobs.runStage, { executionId, stageId: stage.id, attempt: stage.attempt }, { jobKey: runJobKey(stage.id) });
        else if (step.kind === 'complete-parent') {
          const child = stages.find((s) => s.parentStageId === stage.id && isComplete(s.status));
          if (child) await enqueue(tx, jobs.completeStage, { executionId, stageId: child.id });
        }
      } else if (isComplete(stage.status) && stage.parentStageId === null) {
        await enqueue(tx, jobs.completeStage, { executionId, stageId: stage.id });
      }
    }
    for (const stage of topLevel(stages)) {
      if (stage.status === 'NOT_STARTED' && upstreamState(stage, stages) === 'ready') await enqueue(tx, jobs.startStage, { executionId, stageId: stage.id });
    }
    await enqueue(tx, jobs.completeExecution, { executionId });
  });
}

/**
 * Starts the oldest execution waiting behind its pipeline's concurrency limit, if the limit now
 * allows; with keepWaitingPipelines off, only the newest waiting one survives (Orca).
 */
export async function dequeueJob({ pipelineId }: { pipelineId: string }): Promise<void> {
  await withTransaction(async (tx) => {
    const waiting = await queuedExecutions(tx, pipelineId);
    if (waiting.length === 0) return;
    const newest = waiting[waiting.length - 1];
    const first = newest ? await lockExecution(tx, newest.id) : undefined;
    if (!first) return;
    let candidates = waiting;
    if (first.config.keepWaitingPipelines === false && waiting.length > 1) {
      for (const old of waiting.slice(0, -1)) {
        const row = await lockExecution(tx, old.id);
        if (row && row.status === 'NOT_STARTED') await changeExecution(tx, row, { status: 'CANCELED', canceled: true, canceledBy: 'foresail', cancellationReason: 'A newer execution of this pipeline was waiting (keepWaitingPipelines is off)', endTime: new Date() });
      }
      candidates = [first];
    }
    const next = candidates[0];
    const row = next ? await lockExecution(tx, next.id) : undefined;
    if (!row || (await mustWait(tx, row))) return;
    await enqueue(tx, jobs.startExecution, { executionId: row.id });
  });
}
