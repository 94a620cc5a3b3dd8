import { describe, expect, it } from 'vitest';
import { getIn, setIn, stableJson } from './json-path';
import { addStage, changeStageType, connectStages, copyStage, cycleIfConnected, deleteStage, disconnectStages, setRequisites, summarizeStages } from './stage-edits';

const stage = (refId: string, name: string, ...requisiteStageRefIds: string[]) => ({ refId, name, type: 'wait', waitTime: 1, requisiteStageRefIds });
const diamond = () => ({ application: 'app', name: 'p', keep: { unknown: true }, stages: [stage('1', 'A'), stage('2', 'B', '1'), stage('3', 'C', '1'), stage('4', 'D', '2', '3')] });
const requisites = (doc: Record<string, unknown>) => Object.fromEntries(summarizeStages(doc).map((s) => [s.name, s.requisites]));

describe('stage edits', () => {
  it('summarises stages as Orca reads them, linear when no stage has a refId', () => {
    const linear = summarizeStages({ stages: [{ type: 'wait', name: 'x' }, { type: 'wait', name: 'y' }, 'junk'] });
    expect(linear.map((s) => [s.refId, s.requisites])).toEqual([['0', []], ['1', ['0']], ['2', ['1']]]);
    expect(summarizeStages({ stages: [{ refId: 7, requisiteStageRefIds: [3, 'x'] }] })[0]).toMatchObject({ refId: '7', requisites: ['3', 'x'] });
  });

  it('adds a stage after the selected one with catalog defaults, a new refId and a unique name', () => {
    const first = addStage(diamond(), 'wait', '4');
    expect(first.refId).toBe('5');
    const added = summarizeStages(first.doc).at(-1);
    expect(added).toMatchObject({ refId: '5', name: 'Wait', type: 'wait', requisites: ['4'] });
    const second = addStage(first.doc, 'wait');
    expect(summarizeStages(second.doc).at(-1)).toMatchObject({ name: 'Wait 2', requisites: [] });
    expect(second.doc.keep).toEqual({ unknown: true });
  });

  it('deletes a stage and the requisites naming it', () => {
    const doc = deleteStage(diamond(), '2');
    expect(requisites(doc)).toEqual({ A: [], C: ['1'], D: ['3'] });
  });

  it('copies a stage beside the original with a new refId and "Copy of" name', () => {
    const copied = copyStage(diamond(), '2');
    expect(copied?.refId).toBe('5');
    const summaries = summarizeStages(copied?.doc ?? {});
    expect(summaries[2]).toMatchObject({ refId: '5', name: 'Copy of B', requisites: ['1'] });
    expect(copyStage(diamond(), 'nope')).toBeUndefined();
  });

  it('connects and disconnects stages', () => {
    const connected = connectStages(diamond(), '2', '3');
    expect(connected.doc && requisites(connected.doc).C).toEqual(['1', '2']);
    expect(requisites(disconnectStages(diamond(), '1', '2')).B).toEqual([]);
  });

  it('refuses a connection that would close a cycle and names it', () => {
    const result = connectStages(diamond(), '4', '1');
    expect(result.error).toBe('"A" cannot depend on "D": that would make a cycle D → A → B → D.');
    expect(connectStages(diamond(), '2', '2').error).toBe('"B" cannot depend on itself.');
    expect(cycleIfConnected(summarizeStages(diamond()), '1', '4')).toBeUndefined();
  });

  it('sets requisites from a multi-select, still refusing cycles', () => {
    expect(requisites(setRequisites(diamond(), '4', ['2']).doc ?? {}).D).toEqual(['2']);
    expect(setRequisites(diamond(), '2', ['1', '4']).error).toMatch(/cycle D → B → D/);
  });

  it('changes a stage type keeping the common fields', () => {
    const doc = changeStageType(diamond(), 1, 'manualJudgment');
    expect(getIn(doc, ['stages', 1])).toMatchObject({ type: 'manualJudgment', name: 'B', refId: '2', requisiteStageRefIds: ['1'], judgmentInputs: [] });
    expect(getIn(doc, ['stages', 1, 'waitTime'])).toBeUndefined();
  });
});

describe('json paths', () => {
  it('sets nested values immutably and removes keys set to undefined', () => {
    const doc = { a: { b: [1, { c: 2 }] }, d: 1 };
    const next = setIn(doc, ['a', 'b', 1, 'c'], 3);
    expect(next).toEqual({ a: { b: [1, { c: 3 }] }, d: 1 });
    expect(doc.a.b[1]).toEqual({ c: 2 });
    expect(setIn(doc, ['d'], undefined)).toEqual({ a: doc.a });
    expect(setIn({}, ['x', 0, 'y'], 'v')).toEqual({ x: [{ y: 'v' }] });
  });

  it('prints JSON with sorted keys', () => {
    expect(stableJson({ b: 1, a: { d: 1, c: 2 } })).toBe(stableJson({ a: { c: 2, d: 1 }, b: 1 }));
  });
});
