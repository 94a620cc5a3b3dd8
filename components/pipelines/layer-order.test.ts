import { describe, expect, it } from 'vitest';
import { countCrossings, orderLayers, type ProperGraph } from './layer-order';

/** Two layers: items 0..upper-1 above, upper.. below, and the given edges (upper index, lower index). */
function twoLayers(upper: number, lower: number, edges: [number, number][]): { graph: ProperGraph; layers: number[][] } {
  const count = upper + lower;
  const graph: ProperGraph = { layerOf: Array.from({ length: count }, (_, i) => (i < upper ? 0 : 1)), up: Array.from({ length: count }, () => []), down: Array.from({ length: count }, () => []) };
  for (const [a, b] of edges) {
    graph.down[a]?.push(upper + b);
    graph.up[upper + b]?.push(a);
  }
  return { graph, layers: [Array.from({ length: upper }, (_, i) => i), Array.from({ length: lower }, (_, i) => upper + i)] };
}

describe('countCrossings', () => {
  it('counts each pair of edges that cross once, and none for edges sharing an end', () => {
    const swapped = twoLayers(2, 2, [[0, 1], [1, 0]]);
    expect(countCrossings(swapped.layers, swapped.graph)).toBe(1);
    const fan = twoLayers(2, 2, [[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(countCrossings(fan.layers, fan.graph)).toBe(1);
    const shared = twoLayers(1, 3, [[0, 0], [0, 1], [0, 2]]);
    expect(countCrossings(shared.layers, shared.graph)).toBe(0);
  });

  it('matches a pairwise count on a reversed matching', () => {
    // a_i → b_(n-1-i): every pair crosses, n(n-1)/2 crossings.
    const n = 7;
    const reversed = twoLayers(n, n, Array.from({ length: n }, (_, i): [number, number] => [i, n - 1 - i]));
    expect(countCrossings(reversed.layers, reversed.graph)).toBe((n * (n - 1)) / 2);
  });
});

describe('orderLayers', () => {
  it('untangles a reversed matching', () => {
    const n = 5;
    const reversed = twoLayers(n, n, Array.from({ length: n }, (_, i): [number, number] => [i, n - 1 - i]));
    const { layers, crossings } = orderLayers(reversed.layers, reversed.graph, 4);
    expect(crossings).toBe(0);
    expect(layers[1]).toEqual([9, 8, 7, 6, 5]);
  });
});
