import { layeredLayout, type GraphLayout } from '@/components/pipelines/layout';
import type { StageDto } from '@/lib/pipeline/execution';

export type GraphStage = Pick<StageDto, 'id' | 'refId' | 'name' | 'type' | 'status' | 'requisiteStageRefIds' | 'parentStageId' | 'syntheticStageOwner' | 'startTime' | 'endTime'>;

export interface GraphNode {
  stage: GraphStage;
  /** Synthetic stages nested under this one, in run order (before-stages, then after-stages). */
  children: GraphStage[];
}

export interface GraphModel {
  nodes: GraphNode[];
  layout: GraphLayout;
  /** Height of every node box (room for the deepest nesting), so columns line up. */
  nodeHeight: number;
  edges: { from: string; to: string }[];
}

export const NODE_WIDTH = 220;
export const HEADER_HEIGHT = 56;
export const CHILD_ROW = 26;

const ownerRank = (s: GraphStage) => (s.syntheticStageOwner === 'STAGE_AFTER' ? 1 : 0);

/** Every descendant of `id`, depth first, in run order (synthetic stages can nest). */
function descendants(id: string, byParent: Map<string, GraphStage[]>): GraphStage[] {
  const direct = [...(byParent.get(id) ?? [])].sort((a, b) => ownerRank(a) - ownerRank(b));
  return direct.flatMap((child) => [child, ...descendants(child.id, byParent)]);
}

/** Top-level stages as the DAG (laid out left to right), synthetic ones folded into their top-level parent. */
export function buildGraphModel(stages: readonly GraphStage[]): GraphModel {
  const byParent = new Map<string, GraphStage[]>();
  for (const s of stages) if (s.parentStageId) byParent.set(s.parentStageId, [...(byParent.get(s.parentStageId) ?? []), s]);
  const top = stages.filter((s) => s.parentStageId === null);
  const nodes = top.map((stage) => ({ stage, children: descendants(stage.id, byParent) }));
  const deepest = nodes.reduce((max, n) => Math.max(max, n.children.length), 0);
  const nodeHeight = HEADER_HEIGHT + deepest * CHILD_ROW;
  const layout = layeredLayout(top.map((s) => ({ id: s.refId, parents: s.requisiteStageRefIds })), { nodeWidth: NODE_WIDTH, nodeHeight, gapX: 56, gapY: 20 });
  const known = new Set(top.map((s) => s.refId));
  const edges = top.flatMap((s) => s.requisiteStageRefIds.filter((p) => known.has(p) && p !== s.refId).map((p) => ({ from: p, to: s.refId })));
  return { nodes, layout, nodeHeight, edges };
}

export type ArrowKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/**
 * Where an arrow key moves focus from stage `id`: up/down walk the column (a stage, then its nested
 * synthetic stages, then the next stage below); left/right go to the nearest top-level stage in the
 * neighbouring column. Returns the same id at an edge.
 */
export function moveFocus(model: GraphModel, id: string, key: ArrowKey): string {
  const owner = model.nodes.find((n) => n.stage.id === id || n.children.some((c) => c.id === id));
  if (!owner) return model.nodes[0]?.stage.id ?? id;
  const at = model.layout.positions.get(owner.stage.refId);
  if (!at) return id;
  const byRef = new Map(model.nodes.map((n) => [n.stage.refId, n]));
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const column = (model.layout.layers[at.layer] ?? []).flatMap((ref) => {
      const node = byRef.get(ref);
      return node ? [node.stage.id, ...node.children.map((c) => c.id)] : [];
    });
    const index = column.indexOf(id);
    const next = column[index + (key === 'ArrowDown' ? 1 : -1)];
    return next ?? id;
  }
  const neighbours = model.layout.layers[at.layer + (key === 'ArrowRight' ? 1 : -1)] ?? [];
  let best: { id: string; distance: number } | undefined;
  for (const ref of neighbours) {
    const pos = model.layout.positions.get(ref);
    const node = byRef.get(ref);
    if (!pos || !node) continue;
    const distance = Math.abs(pos.y - at.y);
    if (!best || distance < best.distance) best = { id: node.stage.id, distance };
  }
  return best?.id ?? id;
}
