import { describe, expect, it } from 'vitest';
import { layeredLayout, type LayoutNode } from './layout';

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
