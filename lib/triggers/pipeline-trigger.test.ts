import { describe, expect, it } from 'vitest';
import { childPipelineTrigger, matchPipelineTriggers, upstreamOutcome, upstreamReadRefusal, type PipelineTriggerCandidate } from './pipeline-trigger';

const completed = (status: string) => ({ id: 'E1', application: 'shop', pipelineId: 'build', status });
const child = (triggers: unknown[], extra: Partial<PipelineTriggerCandidate> = {}): PipelineTriggerCandidate => ({ pipelineId: 'deploy', application: 'shop', triggers, ...extra });
const on = (status: string[], extra: Record<string, unknown> = {}) => ({ type: 'pipeline', enabled: true, application: 'shop', pipeline: 'build', status, ...extra });

describe('upstreamOutcome (Orca convertStatus)', () => {
  it.each([
    ['SUCCEEDED', 'successful'],
    ['CANCELED', 'canceled'],
    ['TERMINAL', 'failed'],
    ['FAILED_CONTINUE', 'failed'],
    ['STOPPED', 'failed'],
    ['SUSPENDED', undefined],
    ['RUNNING', undefined],
    ['NOT_STARTED', undefined],
    ['PAUSED', undefined],
    ['BUFFERED', undefined],
  ])('%s → %s', (status, outcome) => {
    expect(upstreamOutcome(status)).toBe(outcome);
  });
});

describe('matchPipelineTriggers', () => {
  it('starts children whose trigger lists the upstream outcome', () => {
    const candidates = [child([on(['successful'])]), child([on(['failed', 'canceled'])], { pipelineId: 'cleanup' }), child([on(['successful'], { pipeline: 'other' })], { pipelineId: 'x' })];
    expect(matchPipelineTriggers(completed('SUCCEEDED'), candidates).map((m) => [m.pipelineId, m.outcome, m.triggerIndex])).toEqual([['deploy', 'successful', 0]]);
    expect(matchPipelineTriggers(completed('TERMINAL'), candidates).map((m) => m.pipelineId)).toEqual(['cleanup']);
    expect(matchPipelineTriggers(completed('CANCELED'), candidates).map((m) => m.pipelineId)).toEqual(['cleanup']);
    expect(matchPipelineTriggers(completed('RUNNING'), candidates)).toEqual([]);
  });
  it('skips disabled triggers and disabled pipelines, and checks the application when set', () => {
    expect(matchPipelineTriggers(completed('SUCCEEDED'), [child([on(['successful'], { enabled: false })])])).toEqual([]);
    expect(matchPipelineTriggers(completed('SUCCEEDED'), [child([on(['successful'])], { disabled: true })])).toEqual([]);
    expect(matchPipelineTriggers(completed('SUCCEEDED'), [child([on(['successful'], { application: 'other' })])])).toEqual([]);
    expect(matchPipelineTriggers(completed('SUCCEEDED'), [child([on(['successful'], { application: undefined })])])).toHaveLength(1);
    expect(matchPipelineTriggers(completed('SUCCEEDED'), [child([on(['Successful'], { application: 'SHOP' })])])).toHaveLength(1);
  });
  it('starts a pipeline once even when two of its triggers match', () => {
    const matches = matchPipelineTriggers(completed('SUCCEEDED'), [child([{ type: 'cron', cronExpression: 'x' }, on(['successful']), on(['successful', 'failed'])])]);
    expect(matches).toHaveLength(1);
    expect(matches[0]?.triggerIndex).toBe(1);
  });
});

describe('childPipelineTrigger', () => {
  it('carries the parent execution and its identity (reference §2.4 pipeline)', () => {
    const [match] = matchPipelineTriggers(completed('SUCCEEDED'), [child([on(['successful'], { expectedArtifactIds: ['img'] })])]);
    const parent = { execution: { id: 'E1', status: 'SUCCEEDED', trigger: { artifacts: [] } }, pipelineId: 'build', pipelineName: 'Build', application: 'shop', status: 'SUCCEEDED' };
    expect(match && childPipelineTrigger(match, parent)).toEqual({
      type: 'pipeline',
      enabled: true,
      application: 'shop',
      pipeline: 'build',
      status: ['successful'],
      expectedArtifactIds: ['img'],
      parentExecution: parent.execution,
      parentPipelineId: 'build',
      parentPipelineName: 'Build',
      parentPipelineApplication: 'shop',
      parentStatus: 'SUCCEEDED',
      isPipeline: true,
    });
  });
});

describe('upstreamReadRefusal (the child trigger copies the upstream trigger)', () => {
  const app = (name: string, READ: string[], WRITE: string[] = [], EXECUTE: string[] = []) => ({ name, permissions: { READ, WRITE, EXECUTE } });
  it('the same application, or upstream readable by every role that may read the child: allowed', () => {
    expect(upstreamReadRefusal(app('shop', []), app('shop', ['x']), [])).toBeUndefined();
    expect(upstreamReadRefusal(app('build', ['devs', 'ops']), app('deploy', ['devs'], ['ops']), [])).toBeUndefined();
    expect(upstreamReadRefusal(app('build', []), app('deploy', ['admins']), ['admins'])).toBeUndefined();
  });
  it('a role that may read (or write, or execute) the child but not the upstream: refused, naming it', () => {
    expect(upstreamReadRefusal(app('vault', ['sec']), app('deploy', ['devs'], [], ['ci']), [])).toMatch(/roles devs, ci may read deploy but not vault/);
  });
});
