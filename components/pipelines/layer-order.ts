/**
 * Ordering within layers for the layered layout, on the "proper" graph: every edge spanning several
 * layers is split into one placeholder per layer it crosses, so each edge joins neighbouring layers
 * and the long edge gets a place of its own in every column it crosses (Sugiyama et al. 1981; the
 * placeholders are dagre's "dummy nodes"). Items are indices: stages first, then placeholders.
 */

export interface ProperGraph {
  /** Layer of every item. */
  layerOf: number[];
  /** Neighbours of every item in the layer before (up) and after (down) it. */
  up: number[][];
  down: number[][];
}

/** Position of each item within its layer, centred on 0, so layers of different sizes compare. */
function centredPositions(layers: readonly (readonly number[])[], count: number): Float64Array {
  const at = new Float64Array(count);
  for (const items of layers) items.forEach((item, i) => (at[item] = i - (items.length - 1) / 2));
  return at;
}

/**
 * One barycenter pass over `order` (layer indices): each layer is sorted by the mean position of
 * its neighbours in the layer swept from; items without such neighbours keep their place.
 * Ties keep the current order, so the result is deterministic.
 */
function sweep(layers: number[][], neighbours: number[][], order: readonly number[], count: number): number[][] {
  const next = layers.map((items) => [...items]);
  const at = centredPositions(next, count);
  for (const l of order) {
    const items = next[l] ?? [];
    const keyed = items.map((item, i) => {
      const around = neighbours[item] ?? [];
      let sum = 0;
      for (const n of around) sum += at[n] ?? 0;
      return { item, i, key: around.length > 0 ? sum / around.length : (at[item] ?? 0) };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    next[l] = keyed.map((k) => k.item);
    next[l].forEach((item, i, all) => (at[item] = i - (all.length - 1) / 2));
  }
  return next;
}

/** Edge crossings between neighbouring layers, counted as inversions with a Fenwick tree: O(E log V) per gap. */
export function countCrossings(layers: readonly (readonly number[])[], graph: ProperGraph): number {
  const index = new Int32Array(graph.layerOf.length);
  for (const items of layers) items.forEach((item, i) => (index[item] = i));
  let crossings = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const lower = layers[l + 1]?.length ?? 0;
    // Each edge as one number, upper position * lower size + lower position, so a numeric sort orders by both.
    const pairs: number[] = [];
    for (const item of layers[l] ?? []) for (const n of graph.down[item] ?? []) pairs.push((index[item] ?? 0) * lower + (index[n] ?? 0));
    const sorted = Float64Array.from(pairs).sort();
    // tree[i] counts edges already seen ending at lower positions ≤ i; later edges ending above them cross.
    const tree = new Int32Array(lower + 1);
    let seen = 0;
    for (const pair of sorted) {
      const to = pair % lower;
      let notAbove = 0;
      for (let i = to + 1; i > 0; i -= i & -i) notAbove += tree[i] ?? 0;
      crossings += seen - notAbove;
      for (let i = to + 1; i <= lower; i += i & -i) tree[i] = (tree[i] ?? 0) + 1;
      seen++;
    }
  }
  return crossings;
}

/** Down and up barycenter sweeps, keeping the ordering with the fewest crossings (the first such one). */
export function orderLayers(initial: number[][], graph: ProperGraph, sweeps: number): { layers: number[][]; crossings: number } {
  const count = graph.layerOf.length;
  const depth = initial.length;
  const down = Array.from({ length: depth }, (_, i) => i).slice(1);
  const up = Array.from({ length: depth }, (_, i) => depth - 1 - i).slice(1);
  let layers = initial;
  let best = { layers, crossings: countCrossings(layers, graph) };
  for (let s = 0; s < sweeps && best.crossings > 0; s++) {
    layers = sweep(layers, graph.up, down, count);
    layers = sweep(layers, graph.down, up, count);
    const crossings = countCrossings(layers, graph);
    if (crossings < best.crossings) best = { layers, crossings };
  }
  return best;
}
