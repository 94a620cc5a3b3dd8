import { describe, expect, it } from 'vitest';
import type { ExecutionSummary } from './execution';
import { applyExecutionEvent } from './execution-events';

const stage = (id: string, status: string) => ({ id, refId: id, type: 'wait', name: `Stage ${id}`, status, requisiteStageRefIds: [], parentStageId: null, syntheticStageOwner: null, startTime: null, endTime: null, lastModified: null });
const execution: ExecutionSummary = {
  id: 'e1', type: 'PIPELINE', application: 'app', name: 'Deploy', pipelineConfigId: 'p1', status: 'RUNNING', buildTime: 1, startTime: 10, endTime: null,
  canceled: false, canceledBy: null, cancellationReason: null, paused: null, trigger: {}, authentication: { user: 'alice', allowedAccounts: [] },
  origin: 'api', limitConcurrent: true, keepWaitingPipelines: false, parentExecutionId: null, stages: [stage('s1', 'SUCCEEDED'), stage('s2', 'RUNNING')],
};

describe('applying an engine event to the execution page copy', () => {
  it('changes only the stage the event names', () => {
    const next = applyExecutionEvent(execution, { kind: 'stage', executionId: 'e1', stageId: 's2', status: 'SUCCEEDED', startTime: 20, endTime: 30 });
    expect(next?.stages[1]).toMatchObject({ id: 's2', status: 'SUCCEEDED', startTime: 20, endTime: 30, name: 'Stage s2' });
    expect(next?.stages[0]).toBe(execution.stages[0]);
    expect(execution.stages[1]?.status).toBe('RUNNING');
  });

  it('changes the execution status and times', () => {
    expect(applyExecutionEvent(execution, { kind: 'execution', executionId: 'e1', stageId: null, status: 'SUCCEEDED', startTime: 10, endTime: 40, canceled: false })).toMatchObject({ status: 'SUCCEEDED', endTime: 40, stages: execution.stages });
  });

  it('asks for a refetch when the event cannot be applied exactly', () => {
    const cases = [
      { kind: 'stage', executionId: 'e1', stageId: 'new-synthetic', status: 'RUNNING', startTime: 20, endTime: null },
      { kind: 'stage', executionId: 'other', stageId: 's2', status: 'RUNNING', startTime: 20, endTime: null },
      { kind: 'execution', executionId: 'e1', stageId: null, status: 'PAUSED', startTime: 10, endTime: null },
      { kind: 'execution', executionId: 'e1', stageId: null, status: 'CANCELED', startTime: 10, endTime: 40, canceled: true },
      { kind: 'execution', executionId: 'e1', stageId: null, truncated: true },
      { kind: 'stage', executionId: 'e1', stageId: 's2', status: 'RUNNING', startTime: 'yesterday', endTime: null },
      { kind: 'something-new', executionId: 'e1', stageId: null, status: 'RUNNING', startTime: 1, endTime: null },
    ];
    for (const event of cases) expect(applyExecutionEvent(execution, event)).toBeUndefined();
  });
});
