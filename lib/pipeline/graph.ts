import type { Report } from './issues';

/** The DAG part of a normalised stage. */
export interface GraphStage {
  refId: string;
  requisiteStageRefIds: readonly string[];
}

export interface StageGraph {
  /** First stage index per refId (duplicates are reported, not graphed). */
  indexOf: ReadonlyMap<string, number>;
  parents: ReadonlyMap<string, readonly string[]>;
  children: ReadonlyMap<string, readonly string[]>;
  /** Stages with no requisites: they start first. */
  roots: readonly string[];
  /** Stages waiting on more than one branch (fan-in). */
  joins: readonly string[];
  /** Parents before children; undefined when the stages form a cycle. */
  order: readonly string[] | undefined;
}

/** Builds the graph; edges to missing refIds are left out (findGraphIssues reports them). */
export function buildStageGraph(stages: readonly GraphStage[]): StageGraph {
  const indexOf = new Map<string, number>();
  stages.forEach((stage, i) => {
    if (!indexOf.has(stage.refId)) indexOf.set(stage.refId, i);
  });
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const refId of indexOf.keys()) {
    parents.set(refId, []);
    children.set(refId, []);
  }
  stages.forEach((stage, i) => {
    if (indexOf.get(stage.refId) !== i) return;
    const own = parents.get(stage.refId) ?? [];
    for (const parent of stage.requisiteStageRefIds) {
      if (!indexOf.has(parent) || own.includes(parent)) continue;
      own.push(parent);
      children.get(parent)?.push(stage.refId);
    }
  });
  const roots = [...indexOf.keys()].filter((refId) => parents.get(refId)?.length === 0);
  const joins = [...indexOf.keys()].filter((refId) => (parents.get(refId)?.length ?? 0) > 1);
  return { indexOf, parents, children, roots, joins, order: topologicalOrder(indexOf, parents, children) };
}

function topologicalOrder(indexOf: ReadonlyMap<string, number>, parents: ReadonlyMap<string, readonly string[]>, children: ReadonlyMap<string, readonly string[]>) {
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const refId of indexOf.keys()) {
    const count = parents.get(refId)?.length ?? 0;
    waiting.set(refId, count);
    if (count === 0) ready.push(refId);
  }
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const next = ready[i] ?? '';
    order.push(next);
    for (const child of children.get(next) ?? []) {
      const left = (waiting.get(child) ?? 0) - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return order.length === indexOf.size ? order : undefined;
}

/** Every stage downstream of `refId` (what a restart resets), nearest first. */
export function downstreamOf(graph: StageGraph, refId: string): string[] {
  const seen = new Set<string>();
  const queue = [...(graph.children.get(refId) ?? [])];
  for (let i = 0; i < queue.length; i++) {
    const next = queue[i] ?? '';
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(graph.children.get(next) ?? []));
  }
  return [...seen];
}

/** Whether making `stage` require `requisite` would close a cycle (the editor refuses such edges). */
export function wouldCreateCycle(graph: StageGraph, stage: string, requisite: string): boolean {
  return stage === requisite || downstreamOf(graph, stage).includes(requisite);
}

/**
 * Strongly connected components with more than one stage, or a stage requiring itself (Tarjan's
 * algorithm, iterative so deep pipelines cannot overflow the stack).
 */
function cyclicComponents(graph: StageGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of graph.indexOf.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const edges = graph.children.get(frame.node) ?? [];
      const child = edges[frame.next++];
      if (child !== undefined) {
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ node: child, next: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(child) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        component.push(member);
        if (member === frame.node) break;
      }
      const selfLoop = component.length === 1 && (graph.children.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  }
  return components;
}

/** Shortest cycle through `start` inside its component, in run order: start → … → start. */
function cycleThrough(graph: StageGraph, start: string, members: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] ?? start;
    for (const child of graph.children.get(node) ?? []) {
      if (child === start) {
        const path = [node];
        for (let at = previous.get(node); at !== undefined; at = previous.get(at)) path.push(at);
        return [...path.reverse(), start];
      }
      if (!members.has(child) || previous.has(child)) continue;
      previous.set(child, node);
      queue.push(child);
    }
  }
  return [start, start];
}

const MAX_NAMED = 50;

/** The whole cycle unless it is very long; then its ends, so the message stays readable. */
function nameCycle(cycle: readonly string[]): string {
  if (cycle.length <= MAX_NAMED) return cycle.join(' → ');
  const head = cycle.slice(0, 10);
  const tail = cycle.slice(-10);
  return `${head.join(' → ')} → … (${cycle.length - 20} more) → ${tail.join(' → ')}`;
}

/**
 * refIds unique and non-empty, requisites exist, no cycles. Each cycle is named in run order
 * ("a → b → c → a": b requires a, …) and reported on the requisite that closes it.
 */
export function findGraphIssues(stages: readonly GraphStage[], report: Report): StageGraph {
  const graph = buildStageGraph(stages);
  stages.forEach((stage, i) => {
    if (stage.refId.trim() === '') report(['stages', i, 'refId'], 'must not be empty');
    const first = graph.indexOf.get(stage.refId);
    if (first !== undefined && first !== i) report(['stages', i, 'refId'], `refId "${stage.refId}" is already used by stages[${first}]; refIds must be unique`);
    const seen = new Set<string>();
    stage.requisiteStageRefIds.forEach((requisite, j) => {
      if (!graph.indexOf.has(requisite)) report(['stages', i, 'requisiteStageRefIds', j], `requires stage "${requisite}", but no stage has that refId`);
      else if (seen.has(requisite)) report(['stages', i, 'requisiteStageRefIds', j], `requires stage "${requisite}" twice`, 'warning');
      seen.add(requisite);
    });
  });
  if (graph.order !== undefined) return graph;
  for (const component of cyclicComponents(graph)) {
    const members = new Set(component);
    const start = component.reduce((a, b) => ((graph.indexOf.get(a) ?? 0) <= (graph.indexOf.get(b) ?? 0) ? a : b));
    const cycle = cycleThrough(graph, start, members);
    const closing = cycle[cycle.length - 2] ?? start;
    const index = graph.indexOf.get(start) ?? 0;
    const requisiteIndex = stages[index]?.requisiteStageRefIds.indexOf(closing) ?? 0;
    const self = cycle.length === 2 ? ' (the stage requires itself)' : '';
    report(['stages', index, 'requisiteStageRefIds', requisiteIndex], `stages form a cycle: ${nameCycle(cycle)}${self}`);
  }
  return graph;
}
