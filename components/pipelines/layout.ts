/**
 * Automatic layered layout for the stage graph (a small Sugiyama-style layout, left → right):
 * 1. layers by longest path from the roots, so every stage sits right of all its requisites;
 * 2. order within each layer by the barycenter of neighbours' positions, swept down and up a few
 *    times, keeping the ordering with the fewest edge crossings;
 * 3. coordinates: one column per layer, each column centred vertically.
 * Deterministic: ties keep document order, so unchanged input always lays out the same way.
 * Edges to unknown ids are ignored; cycles (possible while a config is invalid) are broken at the
 * stage that comes first in the document, so layout never hangs.
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
}

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

/** Vertical centre of each node when layers are centred: (index - (size - 1) / 2). */
function centres(layers: string[][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const ids of layers) ids.forEach((id, i) => out.set(id, i - (ids.length - 1) / 2));
  return out;
}

/** Crossings between consecutive columns; an edge spanning several layers is a straight segment. */
function countCrossings(layers: string[][], graph: Graph, layer: Map<string, number>): number {
  const y = centres(layers);
  const edges: { from: number; to: number; y0: number; y1: number }[] = [];
  for (const [child, parents] of graph.parents) {
    for (const parent of parents) {
      const from = layer.get(parent) ?? 0;
      const to = layer.get(child) ?? 0;
      if (to > from) edges.push({ from, to, y0: y.get(parent) ?? 0, y1: y.get(child) ?? 0 });
    }
  }
  const at = (e: (typeof edges)[number], l: number) => e.y0 + ((e.y1 - e.y0) * (l - e.from)) / (e.to - e.from);
  let crossings = 0;
  for (let gap = 0; gap < layers.length - 1; gap++) {
    const spanning = edges.filter((e) => e.from <= gap && e.to > gap);
    for (let i = 0; i < spanning.length; i++) {
      for (let j = i + 1; j < spanning.length; j++) {
        const a = spanning[i];
        const b = spanning[j];
        if (a && b && (at(a, gap) - at(b, gap)) * (at(a, gap + 1) - at(b, gap + 1)) < 0) crossings++;
      }
    }
  }
  return crossings;
}

function sweep(layers: string[][], neighbours: Map<string, string[]>, order: number[]): string[][] {
  const next = layers.map((ids) => [...ids]);
  for (const l of order) {
    const y = centres(next);
    const ids = next[l] ?? [];
    const keyed = ids.map((id, i) => {
      const around = (neighbours.get(id) ?? []).map((n) => y.get(n)).filter((v): v is number => v !== undefined);
      const own = y.get(id) ?? 0;
      return { id, i, key: around.length > 0 ? around.reduce((s, v) => s + v, 0) / around.length : own };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    next[l] = keyed.map((k) => k.id);
  }
  return next;
}

export function layeredLayout(nodes: readonly LayoutNode[], options: Partial<LayoutOptions> = {}): GraphLayout {
  const opts = { ...defaultLayoutOptions, ...options };
  const graph = buildGraph(nodes);
  const layer = assignLayers(graph);
  const depth = graph.ids.reduce((max, id) => Math.max(max, (layer.get(id) ?? 0) + 1), 0);
  let layers: string[][] = Array.from({ length: depth }, () => []);
  for (const id of graph.ids) layers[layer.get(id) ?? 0]?.push(id);

  let best = layers;
  let bestCrossings = countCrossings(layers, graph, layer);
  const down = Array.from({ length: depth }, (_, i) => i).slice(1);
  const up = Array.from({ length: depth }, (_, i) => depth - 1 - i).slice(1);
  for (let s = 0; s < opts.sweeps && bestCrossings > 0; s++) {
    layers = sweep(layers, graph.parents, down);
    layers = sweep(layers, graph.children, up);
    const crossings = countCrossings(layers, graph, layer);
    if (crossings < bestCrossings) {
      best = layers;
      bestCrossings = crossings;
    }
  }

  const tallest = best.reduce((max, ids) => Math.max(max, ids.length), 0);
  const rowHeight = opts.nodeHeight + opts.gapY;
  const positions = new Map<string, NodePosition>();
  best.forEach((ids, l) => {
    const offset = ((tallest - ids.length) * rowHeight) / 2;
    ids.forEach((id, i) => positions.set(id, { x: l * (opts.nodeWidth + opts.gapX), y: offset + i * rowHeight, layer: l }));
  });
  return {
    positions,
    layers: best,
    width: depth === 0 ? 0 : depth * opts.nodeWidth + (depth - 1) * opts.gapX,
    height: tallest === 0 ? 0 : tallest * opts.nodeHeight + (tallest - 1) * opts.gapY,
    crossings: bestCrossings,
  };
}
