import 'server-only';
import type { ExecutionRow, StageRow } from '../../db/engine/rows';
import { getLogger } from '../../log';
import { isKnownStageType, type KnownStageType } from '../../pipeline';
import { stageHandlers } from '../../stages';
import type { AnyStageHandler, StageContext, StageResult } from '../../stages/types';
import { stageContext, parseStoredStage } from '../stage-context';
import { stageOptions } from '../stage-options';
import { formatDuration } from '../../pipeline/duration';

/** Calls a stage's handler once; an unexpected error becomes a failed result that says so (a shutdown rethrows). */
export async function runHandler(execution: ExecutionRow, stages: StageRow[], stage: StageRow, signal: AbortSignal): Promise<StageResult> {
  if (!isKnownStageType(stage.type)) return { status: 'failed', reason: `Foresail cannot run stages of type "${stage.type}"` };
  const handler = stageHandlers[stage.type] as AnyStageHandler;
  const timeoutMs = stageOptions(stage.context).timeoutMs ?? handler.defaultTimeoutMs;
  const started = stage.startTime?.getTime() ?? Date.now();
  if (!handler.ownTimeout && timeoutMs !== undefined && Date.now() - started > timeoutMs) {
    return { status: 'failed', reason: `The stage did not finish within its timeout of ${formatDuration(timeoutMs)}` };
  }
  const parsed = parseStoredStage(stage);
  if (!parsed.ok) return { status: 'failed', reason: `The stage's settings are not valid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` };
  const log = getLogger().child({ executionId: execution.id, stageId: stage.id, stageType: stage.type });
  const ctx = stageContext(execution, stages, stage, parsed.stage, signal, log);
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
