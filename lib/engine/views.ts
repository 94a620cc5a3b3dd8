import type { ExecutionRow, StageRow } from '../db/engine/rows';
import type { ExecutionView, StageView } from '../stages/types';

export function executionView(e: ExecutionRow): ExecutionView {
  return { id: e.id, application: e.application, pipelineId: e.pipelineId, pipelineName: e.pipelineName, status: e.status, trigger: e.trigger, authentication: e.authentication };
}

export function stageView(s: StageRow): StageView {
  return {
    id: s.id,
    refId: s.refId,
    type: s.type,
    name: s.name,
    status: s.status,
    parentStageId: s.parentStageId,
    startTime: s.startTime?.getTime() ?? null,
    endTime: s.endTime?.getTime() ?? null,
    context: s.context,
    outputs: s.outputs,
  };
}
