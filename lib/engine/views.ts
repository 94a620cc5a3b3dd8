import type { ExecutionRow, StageRow } from '../db/engine/rows';
import { stageDto } from '../db/executions';
import type { ExecutionView, StageView } from '../stages/types';

export function executionView(e: ExecutionRow): ExecutionView {
  return { id: e.id, application: e.application, pipelineId: e.pipelineId, pipelineName: e.pipelineName, status: e.status, trigger: e.trigger, authentication: e.authentication };
}

/** A stage as its handler sees it: the API's stage fields with the stored (unmasked) context. */
export function stageView(s: StageRow): StageView {
  const { syntheticStageOwner: _o, tasks: _t, lastModified: _m, ...view } = stageDto(s, s.context);
  return view;
}
