import { describe, expect, it } from 'vitest';
import { executionOutcome, failureStatus, initialStages, restartSet, syntheticStep, upstreamState, type StageNode } from './transitions';

let n = 0;
function s(refId: string, status: string, requisites: string[] = [], extra: Partial<StageNode> = {}): StageNode {
  return { id: `id-${refId}`, refId, status, requisiteStageRefIds: requisites, parentStageId: null, syntheticStageOwner: null, position: n++, ...extra };
}

describe('initialStages', () => {
  it('are the top-level stages without requisites', () => {
    const stages = [s('a', 'NOT_STARTED'), s('b', 'NOT_STARTED', ['a']), s('c', 'NOT_STARTED'), s('x', 'NOT_STARTED', [], { parentStageId: 'id-a' })];
    expect(initialStages(stages).map((x) => x.refId)).toEqual(['a', 'c']);
  });
});

describe('upstreamState', () => {
  const cases: [string, StageNode[], string, string][] = [
    ['root is ready', [s('a', 'NOT_STARTED')], 'a', 'ready'],
    ['waits for a running parent', [s('a', 'RUNNING'), s('b', 'NOT_STARTED', ['a'])], 'b', 'waiting'],
    ['ready after success', [s('a', 'SUCCEEDED'), s('b', 'NOT_STARTED', ['a'])], 'b', 'ready'],
    ['ready after FAILED_CONTINUE', [s('a', 'FAILED_CONTINUE'), s('b', 'NOT_STARTED', ['a'])], 'b', 'ready'],
    ['ready after SKIPPED', [s('a', 'SKIPPED'), s('b', 'NOT_STARTED', ['a'])], 'b', 'ready'],
    ['join waits for every parent', [s('a', 'SUCCEEDED'), s('b', 'RUNNING'), s('c', 'NOT_STARTED', ['a', 'b'])], 'c', 'waiting'],
    ['join ready when all succeeded', [s('a', 'SUCCEEDED'), s('b', 'SKIPPED'), s('c', 'NOT_STARTED', ['a', 'b'])], 'c', 'ready'],
    ['blocked by TERMINAL', [s('a', 'TERMINAL'), s('b', 'NOT_STARTED', ['a'])], 'b', 'blocked'],
    ['blocked by STOPPED', [s('a', 'STOPPED'), s('b', 'NOT_STARTED', ['a'])], 'b', 'blocked'],
    ['blocked by CANCELED', [s('a', 'CANCELED'), s('b', 'NOT_STARTED', ['a'])], 'b', 'blocked'],
    ['blocked transitively through a never-starting stage', [s('a', 'TERMINAL'), s('b', 'NOT_STARTED', ['a']), s('c', 'NOT_STARTED', ['b'])], 'c', 'blocked'],
    ['join blocked if one parent halted while another still runs', [s('a', 'TERMINAL'), s('b', 'RUNNING'), s('c', 'NOT_STARTED', ['a', 'b'])], 'c', 'blocked'],
  ];
  it.each(cases)('%s', (_label, stages, ref, expected) => {
    const stage = stages.find((x) => x.refId === ref);
    if (!stage) throw new Error('bad case');
    expect(upstreamState(stage, stages)).toBe(expected);
  });
});

describe('failureStatus', () => {
  it.each([
    [{}, 'TERMINAL'],
    [{ failPipeline: true }, 'TERMINAL'],
    [{ failPipeline: false }, 'STOPPED'],
    [{ failPipeline: false, continuePipeline: true }, 'FAILED_CONTINUE'],
    [{ continuePipeline: true }, 'FAILED_CONTINUE'],
  ] as const)('%j → %s', (config, expected) => {
    expect(failureStatus(config)).toBe(expected);
  });
});

describe('executionOutcome', () => {
  const cases: [string, StageNode[], string | null, string[]][] = [
    ['all succeeded', [s('a', 'SUCCEEDED'), s('b', 'SKIPPED'), s('c', 'FAILED_CONTINUE')], 'SUCCEEDED', []],
    ['still running', [s('a', 'SUCCEEDED'), s('b', 'RUNNING', ['a'])], null, []],
    ['TERMINAL fails and cancels other running branches', [s('a', 'TERMINAL'), s('b', 'RUNNING'), s('c', 'NOT_STARTED', ['a'])], 'TERMINAL', ['id-b']],
    ['STOPPED alone succeeds once nothing else can run', [s('a', 'STOPPED'), s('b', 'NOT_STARTED', ['a'])], 'SUCCEEDED', []],
    ['STOPPED waits for other branches', [s('a', 'STOPPED'), s('b', 'RUNNING')], null, []],
    ['STOPPED waits for a branch that can still start', [s('a', 'STOPPED'), s('b', 'SUCCEEDED'), s('c', 'NOT_STARTED', ['b'])], null, []],
    ['completeOtherBranchesThenFail turns STOPPED into TERMINAL', [s('a', 'STOPPED', [], { completeOtherBranchesThenFail: true }), s('b', 'SUCCEEDED')], 'TERMINAL', []],
    ['CANCELED', [s('a', 'CANCELED'), s('b', 'SUCCEEDED')], 'CANCELED', []],
    ['synthetic children do not count', [s('a', 'SUCCEEDED'), s('x', 'TERMINAL', [], { parentStageId: 'id-a' })], 'SUCCEEDED', []],
  ];
  it.each(cases)('%s', (_label, stages, status, cancel) => {
    const outcome = executionOutcome(stages);
    expect(outcome?.status ?? null).toBe(status);
    if (outcome) expect(outcome.cancel).toEqual(cancel);
  });
});

describe('restartSet', () => {
  it('is the stage, everything downstream, and their synthetic children — not parallel branches', () => {
    const stages = [s('a', 'SUCCEEDED'), s('b', 'TERMINAL', ['a']), s('c', 'NOT_STARTED', ['b']), s('d', 'SUCCEEDED', ['a']), s('b1', 'TERMINAL', [], { parentStageId: 'id-b' })];
    const b = stages[1];
    if (!b) throw new Error('bad');
    expect(restartSet(b, stages).map((x) => x.refId).sort()).toEqual(['b', 'b1', 'c']);
  });

  it('restarting a synthetic child restarts its top-level parent', () => {
    const stages = [s('a', 'SUCCEEDED'), s('a1', 'TERMINAL', [], { parentStageId: 'id-a' })];
    const child = stages[1];
    if (!child) throw new Error('bad');
    expect(restartSet(child, stages).map((x) => x.refId).sort()).toEqual(['a', 'a1']);
  });
});

describe('syntheticStep', () => {
  const parent = s('p', 'RUNNING');
  const kid = (ref: string, status: string, owner: 'STAGE_BEFORE' | 'STAGE_AFTER', position: number) => s(ref, status, [], { parentStageId: parent.id, syntheticStageOwner: owner, position });

  it('runs before-children in order, then the parent, then after-children', () => {
    expect(syntheticStep(parent, [parent, kid('b1', 'NOT_STARTED', 'STAGE_BEFORE', 1), kid('b2', 'NOT_STARTED', 'STAGE_BEFORE', 2)], false)).toEqual({ kind: 'start', stageId: 'id-b1' });
    expect(syntheticStep(parent, [parent, kid('b1', 'SUCCEEDED', 'STAGE_BEFORE', 1), kid('b2', 'NOT_STARTED', 'STAGE_BEFORE', 2)], false)).toEqual({ kind: 'start', stageId: 'id-b2' });
    expect(syntheticStep(parent, [parent, kid('b1', 'SUCCEEDED', 'STAGE_BEFORE', 1), kid('a1', 'NOT_STARTED', 'STAGE_AFTER', 3)], false)).toEqual({ kind: 'run-parent' });
    expect(syntheticStep(parent, [parent, kid('b1', 'SUCCEEDED', 'STAGE_BEFORE', 1), kid('a1', 'NOT_STARTED', 'STAGE_AFTER', 3)], true)).toEqual({ kind: 'start', stageId: 'id-a1' });
    expect(syntheticStep(parent, [parent, kid('a1', 'SUCCEEDED', 'STAGE_AFTER', 3)], true)).toEqual({ kind: 'complete-parent', status: 'SUCCEEDED' });
  });

  it('waits while a child runs and fails the parent when a child halts', () => {
    expect(syntheticStep(parent, [parent, kid('b1', 'RUNNING', 'STAGE_BEFORE', 1)], false)).toEqual({ kind: 'wait' });
    expect(syntheticStep(parent, [parent, kid('b1', 'TERMINAL', 'STAGE_BEFORE', 1), kid('b2', 'NOT_STARTED', 'STAGE_BEFORE', 2)], false)).toEqual({ kind: 'complete-parent', status: 'FAILED', failedChildId: 'id-b1' });
  });
});
