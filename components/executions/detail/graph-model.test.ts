import { describe, expect, it } from 'vitest';
import { edgeSegments } from '@/components/pipelines/edge-path';
import { edgeKey } from '@/components/pipelines/layout';
import { edgesThroughBoxes, fanOutFanIn, polyline, type Box } from '@/components/pipelines/testing';
import { buildGraphModel, HEADER_HEIGHT, moveFocus, NODE_WIDTH, type GraphStage } from './graph-model';

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

describe('the execution graph of a 30-stage fan-out/fan-in', () => {
  it('draws no edge through a stage box other than its own source and target', () => {
    // Two synthetic stages under "verify" make every box taller than the header the edges leave from.
    const fan = fanOutFanIn().map((s) => stage(s.refId, s.requisiteStageRefIds));
    const model = buildGraphModel([...fan, stage('v-before', [], { parentStageId: 'id-verify', syntheticStageOwner: 'STAGE_BEFORE' }), stage('v-after', [], { parentStageId: 'id-verify', syntheticStageOwner: 'STAGE_AFTER' })]);
    const { positions, routes } = model.layout;
    const boxes: Box[] = [...positions].map(([id, p]) => ({ id, left: p.x, top: p.y, right: p.x + NODE_WIDTH, bottom: p.y + model.nodeHeight }));
    const edges = model.edges.map(({ from, to }) => {
      const a = positions.get(from);
      const b = positions.get(to);
      if (!a || !b) throw new Error(`${from} or ${to} not laid out`);
      const segments = edgeSegments({ x: a.x + NODE_WIDTH, y: a.y + HEADER_HEIGHT / 2 }, routes.get(edgeKey(from, to)) ?? [], { x: b.x, y: b.y + HEADER_HEIGHT / 2 });
      return { from, to, points: polyline(segments) };
    });
    expect(routes.size).toBeGreaterThanOrEqual(8);
    expect(edgesThroughBoxes(edges, boxes)).toEqual([]);
  });
});
