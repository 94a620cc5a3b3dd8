import { orderLayers, type ProperGraph } from './layer-order';

/**
 * Automatic layered layout for the stage graph (a small Sugiyama-style layout, left → right):
 * 1. layers by longest path from the roots, so every stage sits right of all its requisites;
 * 2. an edge spanning several layers gets a placeholder in every layer it crosses, so it has a lane
 *    of its own there instead of being drawn straight through the stages in between;
 * 3. order within each layer (stages and placeholders) by the barycenter of neighbours' positions,
 *    swept down and up a few times, keeping the ordering with the fewest edge crossings;
 * 4. coordinates: one column per layer, each column centred vertically; a lane is a line half a
 *    gap away from the boxes beside it.
 * Deterministic: ties keep document order, so unchanged input always lays out the same way.
 * Edges to unknown ids are ignored; cycles (possible while a config is invalid) are broken at the
 * stage that comes first in the document, so layout never hangs.
 * Not dagre (the library React Flow documents): on the shared 2-core machine @dagrejs/dagre 3.1.4 took 110–570 ms
 * (by load) for a 182-stage fan-out that this layout does in 5–13 ms, against a budget of well under 100 ms.
 */

export interface LayoutNode {
  id: string;
  parents: readonly string[];
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  gapX: number;
  gapY: number;
  /** Down + up barycenter sweeps. */
  sweeps: number;
}

export interface NodePosition {
  x: number;
  y: number;
  layer: number;
}

export interface GraphLayout {
  positions: Map<string, NodePosition>;
  /** Node ids per layer, top to bottom. */
  layers: string[][];
  width: number;
  height: number;
  crossings: number;
  /** Lanes of every edge spanning several layers, by `edgeKey(parent, child)`; other edges have none. */
  routes: Map<string, EdgeLane[]>;
}

/** Where a long edge crosses a column: straight across it at height `y`, which no stage box covers. */
export interface EdgeLane {
  left: number;
  right: number;
  y: number;
}

export const edgeKey = (parent: string, child: string) => `${parent}->${child}`;

export const defaultLayoutOptions: LayoutOptions = { nodeWidth: 200, nodeHeight: 60, gapX: 64, gapY: 24, sweeps: 4 };

interface Graph {
  ids: string[];
  parents: Map<string, string[]>;
  children: Map<string, string[]>;
}

function buildGraph(nodes: readonly LayoutNode[]): Graph {
  const ids: string[] = [];
  const known = new Set<string>();
  for (const node of nodes) {
    if (known.has(node.id)) continue;
    known.add(node.id);
    ids.push(node.id);
  }
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]));
  const children = new Map<string, string[]>(ids.map((id) => [id, []]));
  const seenNode = new Set<string>();
  for (const node of nodes) {
    if (seenNode.has(node.id)) continue;
    seenNode.add(node.id);
    const own = parents.get(node.id) ?? [];
    for (const parent of node.parents) {
      if (parent === node.id || !known.has(parent) || own.includes(parent)) continue;
      own.push(parent);
      children.get(parent)?.push(node.id);
    }
  }
  return { ids, parents, children };
}

/** Longest-path layering (Kahn's order); a cycle is broken at its first stage in document order. */
function assignLayers(graph: Graph): Map<string, number> {
  const layer = new Map<string, number>();
  const waiting = new Map(graph.ids.map((id) => [id, graph.parents.get(id)?.length ?? 0]));
  const queue = graph.ids.filter((id) => waiting.get(id) === 0);
  let head = 0;
  while (layer.size < graph.ids.length) {
    if (head >= queue.length) {
      const stuck = graph.ids.find((id) => !layer.has(id));
      if (stuck === undefined) break;
      queue.push(stuck);
    }
    const id = queue[head++] ?? '';
    if (layer.has(id)) continue;
    let depth = 0;
    for (const parent of graph.parents.get(id) ?? []) {
      const at = layer.get(parent);
      if (at !== undefined) depth = Math.max(depth, at + 1);
    }
    layer.set(id, depth);
    for (const child of graph.children.get(id) ?? []) {
      const left = (waiting.get(child) ?? 0) - 1;
      waiting.set(child, left);
      if (left === 0 && !layer.has(child)) queue.push(child);
    }
  }
  return layer;
}


/** The graph with a placeholder per layer crossed by a long edge (items: stages, then placeholders). */
function toProperGraph(graph: Graph, layer: Map<string, number>) {
  const index = new Map(graph.ids.map((id, i) => [id, i]));
  const proper: ProperGraph = { layerOf: graph.ids.map((id) => layer.get(id) ?? 0), up: graph.ids.map(() => []), down: graph.ids.map(() => []) };
  const chains: { key: string; placeholders: number[] }[] = [];
  const link = (from: number, to: number) => {
    proper.down[from]?.push(to);
    proper.up[to]?.push(from);
  };
  for (const child of graph.ids) {
    for (const parent of graph.parents.get(child) ?? []) {
      const from = layer.get(parent) ?? 0;
      const to = layer.get(child) ?? 0;
      // A back edge of a broken cycle keeps no lane: the config is invalid and says so.
      if (to <= from) continue;
      let previous = index.get(parent) ?? 0;
      const placeholders: number[] = [];
      for (let l = from + 1; l < to; l++) {
        const item = proper.layerOf.length;
        proper.layerOf.push(l);
        proper.up.push([]);
        proper.down.push([]);
        link(previous, item);
        placeholders.push(item);
        previous = item;
      }
      link(previous, index.get(child) ?? 0);
      if (placeholders.length > 0) chains.push({ key: edgeKey(parent, child), placeholders });
    }
  }
  return { proper, chains };
}

export function layeredLayout(nodes: readonly LayoutNode[], options: Partial<LayoutOptions> = {}): GraphLayout {
  const opts = { ...defaultLayoutOptions, ...options };
  const graph = buildGraph(nodes);
  const layer = assignLayers(graph);
  const { proper, chains } = toProperGraph(graph, layer);
  const depth = graph.ids.reduce((max, id) => Math.max(max, (layer.get(id) ?? 0) + 1), 0);
  const initial: number[][] = Array.from({ length: depth }, () => []);
  proper.layerOf.forEach((l, item) => initial[l]?.push(item));
  const { layers, crossings } = orderLayers(initial, proper, opts.sweeps);

  // Top of every stage box, or the line of every lane, from the top of its column.
  const stages = graph.ids.length;
  const top = new Float64Array(proper.layerOf.length);
  const columnHeight = layers.map((items) => {
    let cursor = 0;
    items.forEach((item, i) => {
      const previous = items[i - 1];
      if (previous !== undefined) cursor += previous < stages && item < stages ? opts.gapY : opts.gapY / 2;
      top[item] = cursor;
      if (item < stages) cursor += opts.nodeHeight;
    });
    return cursor;
  });
  const height = columnHeight.reduce((max, h) => Math.max(max, h), 0);
  const offset = (l: number) => (height - (columnHeight[l] ?? 0)) / 2;
  const left = (l: number) => l * (opts.nodeWidth + opts.gapX);

  const positions = new Map<string, NodePosition>();
  graph.ids.forEach((id, item) => {
    const l = proper.layerOf[item] ?? 0;
    positions.set(id, { x: left(l), y: offset(l) + (top[item] ?? 0), layer: l });
  });
  const routes = new Map<string, EdgeLane[]>();
  for (const { key, placeholders } of chains) {
    routes.set(key, placeholders.map((item) => {
      const l = proper.layerOf[item] ?? 0;
      return { left: left(l), right: left(l) + opts.nodeWidth, y: offset(l) + (top[item] ?? 0) };
    }));
  }
  return {
    positions,
    layers: layers.map((items) => items.filter((item) => item < stages).map((item) => graph.ids[item] ?? '')),
    width: depth === 0 ? 0 : depth * opts.nodeWidth + (depth - 1) * opts.gapX,
    height,
    crossings,
    routes,
  };
}
