import { describe, expect, it } from 'vitest';
import { buildGraphModel, moveFocus, type GraphStage } from './graph-model';

const stage = (refId: string, parents: string[] = [], extra: Partial<GraphStage> = {}): GraphStage => ({
  id: `id-${refId}`, refId, name: refId, type: 'wait', status: 'NOT_STARTED', requisiteStageRefIds: parents, parentStageId: null, syntheticStageOwner: null, startTime: null, endTime: null, ...extra,
});

// a → (b, c) → d; b has two synthetic children: an after-stage listed first, then a before-stage.
const stages = [
  stage('a'),
  stage('b', ['a']),
  stage('c', ['a']),
  stage('d', ['b', 'c']),
  stage('b-after', [], { parentStageId: 'id-b', syntheticStageOwner: 'STAGE_AFTER' }),
  stage('b-before', [], { parentStageId: 'id-b', syntheticStageOwner: 'STAGE_BEFORE' }),
];

describe('buildGraphModel', () => {
  const model = buildGraphModel(stages);

  it('keeps synthetic stages out of the DAG, nested under their parent in run order', () => {
    expect(model.nodes.map((n) => n.stage.refId)).toEqual(['a', 'b', 'c', 'd']);
    expect(model.nodes[1]?.children.map((c) => c.refId)).toEqual(['b-before', 'b-after']);
    expect(model.layout.layers).toEqual([['a'], ['b', 'c'], ['d']]);
    expect(model.edges).toContainEqual({ from: 'a', to: 'b' });
    expect(model.edges).toHaveLength(4);
  });

  it('makes room for the deepest nesting in every node', () => {
    expect(model.nodeHeight).toBeGreaterThan(buildGraphModel([stage('x')]).nodeHeight);
  });
});

describe('moveFocus', () => {
  const model = buildGraphModel(stages);
  it('moves right and left between columns', () => {
    expect(moveFocus(model, 'id-a', 'ArrowRight')).toBe('id-b');
    expect(moveFocus(model, 'id-c', 'ArrowRight')).toBe('id-d');
    expect(moveFocus(model, 'id-d', 'ArrowLeft')).toBe('id-b');
    expect(moveFocus(model, 'id-d', 'ArrowRight')).toBe('id-d');
  });

  it('walks a column through nested synthetic stages', () => {
    expect(moveFocus(model, 'id-b', 'ArrowDown')).toBe('id-b-before');
    expect(moveFocus(model, 'id-b-before', 'ArrowDown')).toBe('id-b-after');
    expect(moveFocus(model, 'id-b-after', 'ArrowDown')).toBe('id-c');
    expect(moveFocus(model, 'id-c', 'ArrowUp')).toBe('id-b-after');
    expect(moveFocus(model, 'id-b', 'ArrowUp')).toBe('id-b');
  });

  it('moves sideways from a nested stage using its parent column', () => {
    expect(moveFocus(model, 'id-b-after', 'ArrowLeft')).toBe('id-a');
  });
});
