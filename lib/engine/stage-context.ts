import 'server-only';
import type { ExecutionRow, StageRow } from '../db/engine/rows';
import type { Logger } from '../log';
import { parseStageForRun, type KnownStageType, type RunStageResult } from '../pipeline';
import type { StageContext } from '../stages/types';
import { stageServices } from './services';
import { executionView, stageView } from './views';

/** A stored stage's settings parsed for running (its context with its identity). */
export const parseStoredStage = (stage: StageRow): RunStageResult => parseStageForRun({ ...stage.context, type: stage.type, refId: stage.refId, name: stage.name });

/** What a stage handler's run or cancel routine is called with: one builder for both. */
export function stageContext(execution: ExecutionRow, stages: StageRow[], stage: StageRow, config: unknown, signal: AbortSignal, log: Logger): StageContext<KnownStageType> {
  return {
    execution: executionView(execution),
    // The registry is keyed by type, so `config` was parsed for this stage's type.
    stage: { ...stageView(stage), config: config as StageContext<KnownStageType>['stage']['config'] },
    state: stage.state ?? undefined,
    stages: stages.map(stageView),
    now: () => Date.now(),
    signal,
    log,
    services: stageServices(execution, stage, signal),
  };
}
