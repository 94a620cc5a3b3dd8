import { describe, expect, it } from 'vitest';
import type { ExecutionSummary } from '@/lib/pipeline/execution';
import { groupExecutions } from './grouping';

const execution = (id: string, pipelineConfigId: string, name: string, startTime: number): ExecutionSummary => ({
  id, type: 'PIPELINE', application: 'shop', name, pipelineConfigId, status: 'SUCCEEDED', buildTime: startTime, startTime, endTime: startTime + 1_000,
  canceled: false, canceledBy: null, cancellationReason: null, paused: null, trigger: { type: 'manual', user: 'alice' },
  authentication: { user: 'alice', allowedAccounts: [] }, origin: 'api', limitConcurrent: true, keepWaitingPipelines: false, parentExecutionId: null, stages: [],
});

const day1 = Date.UTC(2025, 0, 1, 23, 30);
const day2 = Date.UTC(2025, 0, 2, 0, 30);
const rows = [execution('01A', 'build', 'Build', day1), execution('01C', 'deploy', 'Deploy', day2), execution('01B', 'old', 'Removed', day1)];
const pipelines = [{ id: 'deploy', name: 'Deploy', application: 'shop' }, { id: 'build', name: 'Build', application: 'shop' }, { id: 'idle', name: 'Idle', application: 'shop' }];

describe('groupExecutions', () => {
  it('groups by pipeline in configured order, keeps empty pipelines and appends unknown ones', () => {
    const groups = groupExecutions(rows, 'pipeline', pipelines);
    expect(groups.map((g) => [g.title, g.executions.map((e) => e.id)])).toEqual([['Deploy', ['01C']], ['Build', ['01A']], ['Idle', []], ['Removed', ['01B']]]);
  });

  it('groups by calendar day in the given time zone, newest first', () => {
    expect(groupExecutions(rows, 'time', pipelines, 'UTC').map((g) => [g.title, g.executions.map((e) => e.id)])).toEqual([['Thursday, January 2, 2025', ['01C']], ['Wednesday, January 1, 2025', ['01B', '01A']]]);
    // Two hours west of UTC, both runs fall on January 1st.
    expect(groupExecutions(rows, 'time', pipelines, 'America/Noronha').map((g) => g.executions.length)).toEqual([3]);
  });

  it('lists everything newest first without grouping', () => {
    expect(groupExecutions(rows, 'none', pipelines)[0]?.executions.map((e) => e.id)).toEqual(['01C', '01B', '01A']);
  });
});
