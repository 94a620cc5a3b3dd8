import 'server-only';
import type { ExecutionRow, StageRow } from '../../db/engine/rows';
import { enqueue, readExecution, readStages, touchExecution, updateStage } from '../../db/engine/store';
import { getPool, withTransaction } from '../../db/pool';
import { getLogger } from '../../log';
import { isKnownStageType, parseStageForRun, type KnownStageType } from '../../pipeline';
import { stageHandlers } from '../../stages';
import type { AnyStageHandler, StageContext, StageResult } from '../../stages/types';
import { exceptionContext } from '../effects';
import { enqueueJudgmentNotifications } from '../notifications/enqueue';
import { stageServices } from '../services';
import { formatDuration } from '../../pipeline/duration';
import { stageOptions } from '../stage-options';
import { failureStatus, syntheticStep } from '../transitions';
import { executionView, stageView } from '../views';
import { afterStageEnded, startNext } from './complete-stage';
import { lockForWork, setStage, stageOf, type Locked } from './locked';
import { jobs, runJobKey, type RunStagePayload } from './names';

const isRunning = (e: ExecutionRow | undefined, s: StageRow | undefined, attempt: number): s is StageRow => e?.status === 'RUNNING' && s?.status === 'RUNNING' && s.attempt === attempt;

/**
 * Runs a stage's handler once, with no lock held (it may call Kubernetes or a webhook for a
 * while), then records the result under the execution lock — unless the stage moved on meanwhile
 * (canceled, restarted, paused), in which case the result is dropped: the side effect was
 * idempotent or the stage's cancel routine undoes it.
 */
export async function runStageJob(payload: RunStagePayload, signal: AbortSignal): Promise<void> {
  const { executionId, stageId, attempt } = payload;
  const pool = getPool();
  const execution = await readExecution(pool, executionId);
  const stages = execution ? await readStages(pool, executionId) : [];
  const stage = stages.find((s) => s.id === stageId);
  if (!execution || !isRunning(execution, stage, attempt)) return;
  const result = await runHandler(execution, stages, stage, signal);
  await withTransaction(async (tx) => {
    const l = await lockForWork(tx, executionId, signal);
    const current = l ? stageOf(l, stageId) : undefined;
    if (!l || !isRunning(l.execution, current, attempt)) return;
    await recordResult(l, current, result);
  });
}

export async function runHandler(execution: ExecutionRow, stages: StageRow[], stage: StageRow, signal: AbortSignal): Promise<StageResult> {
  if (!isKnownStageType(stage.type)) return { status: 'failed', reason: `Foresail cannot run stages of type "${stage.type}"` };
  const handler = stageHandlers[stage.type] as AnyStageHandler;
  const timeoutMs = stageOptions(stage.context).timeoutMs ?? handler.defaultTimeoutMs;
  const started = stage.startTime?.getTime() ?? Date.now();
  if (!handler.ownTimeout && timeoutMs !== undefined && Date.now() - started > timeoutMs) {
    return { status: 'failed', reason: `The stage did not finish within its timeout of ${formatDuration(timeoutMs)}` };
  }
  const parsed = parseStageForRun({ ...stage.context, type: stage.type, refId: stage.refId, name: stage.name });
  if (!parsed.ok) return { status: 'failed', reason: `The stage's settings are not valid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` };
  const log = getLogger().child({ executionId: execution.id, stageId: stage.id, stageType: stage.type });
  const ctx: StageContext<KnownStageType> = {
    execution: executionView(execution),
    stage: { ...stageView(stage), config: parsed.stage },
    state: stage.state ?? undefined,
    stages: stages.map(stageView),
    now: () => Date.now(),
    signal,
    log,
    services: stageServices(execution, stage, signal),
  };
  try {
    // The registry is keyed by type, so this handler's config type is the one parsed above.
    return await (handler.run as (c: StageContext<KnownStageType>) => Promise<StageResult>)(ctx);
  } catch (err) {
    // A worker shutting down: leave the stage as it is; the job runs again on another worker.
    if (signal.aborted) throw err;
    log.error({ err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'stage handler failed unexpectedly');
    return { status: 'failed', reason: `The stage failed unexpectedly: ${err instanceof Error ? err.message.split('\n')[0] : 'unknown error'}. The worker log has the details.` };
  }
}

/** Persists a handler's result under the execution lock; an ended stage hands over at once. */
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
