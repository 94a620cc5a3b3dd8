'use client';

import { Background, Controls, MarkerType, ReactFlow, type EdgeChange, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useCallback, useMemo, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import type { ValidationIssue } from '@/lib/pipeline/issues';
import { typeLabel } from './catalog-types';
import { GraphViewport } from './graph-viewport';
import { edgeKey, layeredLayout, type EdgeLane } from './layout';
import { RoutedEdge, type RoutedFlowEdge } from './routed-edge';
import { stageLabel, type StageSummary } from './stage-edits';
import { NODE_HEIGHT, NODE_WIDTH, StageNode, type StageFlowNode } from './stage-node';
import { useSharedList } from './use-shared-list';

export interface SelectedEdge {
  parent: string;
  child: string;
}

export interface StageGraphProps {
  stages: readonly StageSummary[];
  issuesByStage: ReadonlyMap<number, readonly ValidationIssue[]>;
  selected?: string;
  selectedEdge?: SelectedEdge;
  /** Changes when a stage was chosen outside the graph, to bring it into view. */
  reveal?: { refId: string; at: number };
  readOnly: boolean;
  onSelect(refId: string): void;
  onSelectEdge(edge: SelectedEdge | undefined): void;
  onConnect(parent: string, child: string): void;
  onDisconnect(edge: SelectedEdge): void;
  onReady(): void;
}

const nodeTypes = { stage: StageNode };
const edgeTypes = { routed: RoutedEdge };
const NO_LANES: readonly EdgeLane[] = [];
const sameNode = (a: StageFlowNode, b: StageFlowNode) =>
  a.position.x === b.position.x && a.position.y === b.position.y && a.selected === b.selected && a.ariaLabel === b.ariaLabel &&
  a.data.label === b.data.label && a.data.typeLabel === b.data.typeLabel && a.data.errors === b.data.errors && a.data.warnings === b.data.warnings;
const NODE_SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT };

// Theme tokens for React Flow's own CSS variables, so the graph follows light and dark.
const themed = {
  '--xy-edge-stroke': 'var(--muted)',
  '--xy-edge-stroke-selected': 'var(--accent)',
  '--xy-edge-stroke-width': '1.5',
  '--xy-connectionline-stroke': 'var(--accent)',
  '--xy-background-color': 'var(--surface-2)',
  '--xy-background-pattern-color': 'var(--line)',
  '--xy-controls-button-background-color': 'var(--surface)',
  '--xy-controls-button-background-color-hover': 'var(--surface-2)',
  '--xy-controls-button-color': 'var(--fg)',
  '--xy-controls-button-color-hover': 'var(--fg)',
  '--xy-controls-button-border-color': 'var(--line)',
  '--xy-attribution-background-color': 'transparent',
} as CSSProperties;

/** The stage DAG, laid out automatically left to right; connect by dragging from a stage's right handle to another's left. */
export const StageGraph = memo(function StageGraph(props: StageGraphProps) {
  const { stages, issuesByStage, selected, selectedEdge, readOnly, onSelect, onSelectEdge, onConnect, onDisconnect } = props;
  // Layout depends on the DAG only (as a string, so the memo keeps while it is unchanged): renaming or editing fields never moves a stage.
  const structure = JSON.stringify(stages.map((s) => ({ id: s.refId, parents: s.requisites })));
  const layout = useMemo(() => layeredLayout(JSON.parse(structure) as { id: string; parents: string[] }[], { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT }), [structure]);

  const freshNodes = useMemo<StageFlowNode[]>(
    () =>
      stages.flatMap((s) => {
        const at = layout.positions.get(s.refId);
        if (!at || layout.positions.size === 0) return [];
        const issues = issuesByStage.get(s.index) ?? [];
        const errors = issues.filter((i) => i.severity === 'error').length;
        const label = typeLabel(s.type);
        return [{
          id: s.refId,
          type: 'stage' as const,
          position: { x: at.x, y: at.y },
          data: { label: stageLabel(s), typeLabel: label, errors, warnings: issues.length - errors },
          selected: s.refId === selected,
          // Every node has this fixed size (StageNode sets it), so React Flow need not report it back.
          measured: NODE_SIZE,
          ariaLabel: `${stageLabel(s)}, ${label}${errors > 0 ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`,
        }];
      }),
    [stages, layout, issuesByStage, selected],
  );

  const nodes = useSharedList(freshNodes, (n) => n.id, sameNode);

  const freshEdges = useMemo<RoutedFlowEdge[]>(() => {
    const name = new Map(stages.map((s) => [s.refId, stageLabel(s)]));
    return stages.flatMap((s) =>
      s.requisites
        .filter((p) => layout.positions.has(p) && p !== s.refId)
        .map((parent) => ({
          id: edgeKey(parent, s.refId),
          type: 'routed' as const,
          source: parent,
          target: s.refId,
          data: { parent, child: s.refId, lanes: layout.routes.get(edgeKey(parent, s.refId)) ?? NO_LANES },
          selected: selectedEdge?.parent === parent && selectedEdge.child === s.refId,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
          ariaLabel: `${name.get(parent) ?? parent} → ${name.get(s.refId) ?? s.refId}`,
        })),
    );
  }, [stages, layout, selectedEdge]);
  const edges = useSharedList(freshEdges, (e) => e.id, (a, b) => a.selected === b.selected && a.ariaLabel === b.ariaLabel && a.data?.lanes === b.data?.lanes);

  const onNodesChange = useCallback(
    (changes: NodeChange<StageFlowNode>[]) => {
      for (const c of changes) if (c.type === 'select' && c.selected) onSelect(c.id);
    },
    [onSelect],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const c of changes) {
        if (c.type !== 'select' || !c.selected) continue;
        const [parent, child] = c.id.split('->');
        if (parent !== undefined && child !== undefined) onSelectEdge({ parent, child });
      }
    },
    [onSelectEdge],
  );
  const wrapper = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === 'Delete' || event.key === 'Backspace') && selectedEdge && !readOnly) {
      event.preventDefault();
      onDisconnect(selectedEdge);
    }
  };

  return (
    // The wrapper takes focus when an edge is clicked, so Delete removes that dependency.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- a mouse shortcut only: the keyboard path is the stage list and its "Depends on" field, and a role here would change how screen readers read the graph
    <div ref={wrapper} tabIndex={-1} className="h-full w-full outline-none" onKeyDown={onKeyDown}>
      <ReactFlow<StageFlowNode, RoutedFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeClick={(_, node) => onSelect(node.id)}
        onEdgeClick={(_, edge) => {
          onSelectEdge({ parent: edge.source, child: edge.target });
          wrapper.current?.focus({ preventScroll: true }); // so the Delete key reaches onKeyDown
        }}
        onPaneClick={() => onSelectEdge(undefined)}
        onConnect={(c) => c.source && c.target && onConnect(c.source, c.target)}
        nodesDraggable={false}
        // The stage list beside the graph is the keyboard path (and Depends on for edges): 200 focusable
        // nodes and edges would be a Tab trap between the toolbar and the form.
        nodesFocusable={false}
        edgesFocusable={false}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomOnDoubleClick={false}
        minZoom={0.2}
        maxZoom={1.5}
        style={themed}
        aria-label="Stage graph"
      >
        <Background gap={20} size={1.5} />
        <Controls showInteractive={false} position="bottom-right" />
        <GraphViewport layout={layout} stageCount={stages.length} reveal={props.reveal} onReady={props.onReady} />
      </ReactFlow>
    </div>
  );
});
