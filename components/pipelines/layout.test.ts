import { describe, expect, it } from 'vitest';
import { edgeSegments } from './edge-path';
import { defaultLayoutOptions, edgeKey, layeredLayout, type EdgeLane, type LayoutNode } from './layout';
import { edgesThroughBoxes, fanOutFanIn, polyline, type Box } from './testing';

const node = (id: string, ...parents: string[]): LayoutNode => ({ id, parents });
const layerOf = (layout: ReturnType<typeof layeredLayout>, id: string) => layout.positions.get(id)?.layer;

describe('layeredLayout', () => {
  it('lays a chain out left to right on one row', () => {
    const layout = layeredLayout([node('a'), node('b', 'a'), node('c', 'b')]);
    expect(layout.layers).toEqual([['a'], ['b'], ['c']]);
    const ys = ['a', 'b', 'c'].map((id) => layout.positions.get(id)?.y);
    expect(new Set(ys).size).toBe(1);
    expect(layout.positions.get('b')?.x).toBeGreaterThan(layout.positions.get('a')?.x ?? Infinity);
  });

  it('puts a fan-out in one column and the join after both branches', () => {
    const layout = layeredLayout([node('a'), node('b', 'a'), node('c', 'a'), node('d', 'b', 'c')]);
    expect(layout.layers).toEqual([['a'], ['b', 'c'], ['d']]);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => layout.positions.get(id));
    expect(a?.y).toBe(d?.y);
    expect((b?.y ?? 0) < (c?.y ?? 0)).toBe(true);
    // The joined stage sits midway between its branches.
    expect(a?.y).toBe(((b?.y ?? 0) + (c?.y ?? 0)) / 2);
  });

  it('uses the longest path, so a stage waits right of all its requisites', () => {
    const layout = layeredLayout([node('a'), node('b', 'a'), node('c', 'b'), node('d', 'a', 'c')]);
    expect(layerOf(layout, 'd')).toBe(3);
  });

  it('reorders a layer to remove crossings (barycenter)', () => {
    // a1 → b2 and a2 → b1 cross in document order; the sweep swaps b1 and b2.
    const layout = layeredLayout([node('a1'), node('a2'), node('b1', 'a2'), node('b2', 'a1')]);
    expect(layout.crossings).toBe(0);
    expect(layout.layers[1]).toEqual(['b2', 'b1']);
  });

  it('keeps document order when nothing crosses (stable, deterministic)', () => {
    const nodes = [node('r'), node('x', 'r'), node('y', 'r'), node('z', 'r')];
    const first = layeredLayout(nodes);
    expect(first.layers[1]).toEqual(['x', 'y', 'z']);
    expect([...layeredLayout(nodes).positions]).toEqual([...first.positions]);
  });

  it('ignores unknown parents, self-loops and duplicate ids', () => {
    const layout = layeredLayout([node('a', 'ghost', 'a'), node('b', 'a'), node('a', 'b')]);
    expect(layout.layers).toEqual([['a'], ['b']]);
  });

  it('terminates on cycles and places every stage', () => {
    const layout = layeredLayout([node('a', 'c'), node('b', 'a'), node('c', 'b'), node('d', 'c')]);
    expect(layout.positions.size).toBe(4);
    expect(layerOf(layout, 'a')).toBe(0);
    expect(layerOf(layout, 'd')).toBe(3);
  });

  it('handles an empty graph', () => {
    expect(layeredLayout([])).toMatchObject({ layers: [], width: 0, height: 0 });
  });

  it('lays out 200 stages quickly', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => node(String(i), ...(i === 0 ? [] : i % 10 === 0 ? [String(i - 1), String(i - 2)] : [String(i - 1)])));
    const t0 = performance.now();
    const layout = layeredLayout(nodes);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(layout.positions.size).toBe(200);
  });
});

describe('edges spanning several layers', () => {
  const stages = fanOutFanIn();
  const layout = layeredLayout(stages.map((s) => node(s.refId, ...s.requisiteStageRefIds)));
  const { nodeWidth, nodeHeight } = defaultLayoutOptions;
  const boxes: Box[] = [...layout.positions].map(([id, p]) => ({ id, left: p.x, top: p.y, right: p.x + nodeWidth, bottom: p.y + nodeHeight }));
  // Drawn as the editor draws them: from the source's right side to the target's left, mid-height.
  const drawn = (lanesOf: (parent: string, child: string) => EdgeLane[]) =>
    stages.flatMap((s) =>
      s.requisiteStageRefIds.map((parent) => {
        const a = layout.positions.get(parent);
        const b = layout.positions.get(s.refId);
        if (!a || !b) throw new Error(`${parent} or ${s.refId} not laid out`);
        const segments = edgeSegments({ x: a.x + nodeWidth, y: a.y + nodeHeight / 2 }, lanesOf(parent, s.refId), { x: b.x, y: b.y + nodeHeight / 2 });
        return { from: parent, to: s.refId, points: polyline(segments) };
      }),
    );

  it('has 30 stages and long edges to route', () => {
    expect(layout.positions.size).toBe(30);
    const spans = stages.flatMap((s) => s.requisiteStageRefIds.map((p) => (layerOf(layout, s.refId) ?? 0) - (layerOf(layout, p) ?? 0)));
    expect(spans.filter((span) => span > 1).length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...spans)).toBeGreaterThanOrEqual(9);
    expect(layout.routes.size).toBe(spans.filter((span) => span > 1).length);
  });

  it('draws no edge through a stage box other than its own source and target', () => {
    expect(edgesThroughBoxes(drawn((parent, child) => layout.routes.get(edgeKey(parent, child)) ?? []), boxes)).toEqual([]);
  });

  it('would cross stages if long edges were drawn straight to their target (the check can fail)', () => {
    expect(edgesThroughBoxes(drawn(() => []), boxes).length).toBeGreaterThan(0);
  });

  it('gives every lane a height of its own in its column', () => {
    const byColumn = new Map<number, number[]>();
    for (const lanes of layout.routes.values()) for (const lane of lanes) byColumn.set(lane.left, [...(byColumn.get(lane.left) ?? []), lane.y]);
    for (const ys of byColumn.values()) {
      const sorted = [...ys].sort((a, b) => a - b);
      sorted.slice(1).forEach((y, i) => expect(y - (sorted[i] ?? 0)).toBeGreaterThanOrEqual(defaultLayoutOptions.gapY / 2));
    }
  });

  it('lays out the same way every time', () => {
    const again = layeredLayout(stages.map((s) => node(s.refId, ...s.requisiteStageRefIds)));
    expect([...again.positions]).toEqual([...layout.positions]);
    expect([...again.routes]).toEqual([...layout.routes]);
  });
});
