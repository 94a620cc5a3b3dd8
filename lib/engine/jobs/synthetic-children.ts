import 'server-only';
import type { ExecutionRow, StageRow } from '../../db/engine/rows';
import { insertStages } from '../../db/engine/stages';
import type { Tx } from '../../db/pool';
import { isKnownStageType } from '../../pipeline';
import { stageHandlers } from '../../stages';
import type { AnyStageHandler, ExecutionView } from '../../stages/types';
import { ulid } from '../ids';
import { parseStoredStage } from '../stage-context';
import { executionView } from '../views';

/** Creates the synthetic children a stage expands into (none for most stage types). */
export async function plannedChildren(tx: Tx, stage: StageRow, stages: StageRow[], execution: ExecutionRow): Promise<StageRow[]> {
  if (!isKnownStageType(stage.type)) return [];
  const handler = stageHandlers[stage.type] as AnyStageHandler;
  const parsed = parseStoredStage(stage);
  if (!handler.syntheticStages || !parsed.ok) return [];
  const defs = (handler.syntheticStages as (config: unknown, e: ExecutionView) => ReturnType<NonNullable<AnyStageHandler['syntheticStages']>>)(parsed.stage, executionView(execution));
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
