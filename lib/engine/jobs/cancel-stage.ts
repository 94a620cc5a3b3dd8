import 'server-only';
import { readExecution } from '../../db/engine/executions';
import { readStages } from '../../db/engine/stages';
import { getPool } from '../../db/pool';
import { getLogger } from '../../log';
import { isKnownStageType, type KnownStageType } from '../../pipeline';
import { stageHandlers } from '../../stages';
import type { AnyStageHandler, StageContext } from '../../stages/types';
import { parseStoredStage, stageContext } from '../stage-context';
import type { StagePayload } from './names';

/**
 * A halted or canceled stage's cancel routine (delete a running job, restore traffic weights…).
 * Routines are idempotent; a failure throws so graphile-worker retries it with back-off.
 */
export async function cancelStageJob({ executionId, stageId }: StagePayload, signal: AbortSignal): Promise<void> {
  const pool = getPool();
  const execution = await readExecution(pool, executionId);
  const stages = execution ? await readStages(pool, executionId) : [];
  const stage = stages.find((s) => s.id === stageId);
  if (!execution || !stage || !isKnownStageType(stage.type)) return;
  const handler = stageHandlers[stage.type] as AnyStageHandler;
  if (!handler.cancel) return;
  const parsed = parseStoredStage(stage);
  if (!parsed.ok) return;
  const log = getLogger().child({ executionId, stageId, stageType: stage.type });
  log.info('running cancel routine');
  await (handler.cancel as (c: StageContext<KnownStageType>) => Promise<void>)(stageContext(execution, stages, stage, parsed.stage, signal, log));
}
