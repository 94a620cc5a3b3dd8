'use client';

import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { GraphLayout } from './layout';
import { NODE_HEIGHT, NODE_WIDTH } from './stage-node';

const PADDING = 40;
const MIN_READABLE_ZOOM = 0.6;
const fitOptions = { padding: 0.2, maxZoom: 1, duration: 150 } as const;

/** True once every stage is in the DOM with its handles measured, so every edge can be drawn. */
const handlesMeasured = (s: ReactFlowState) => {
  if (s.nodeLookup.size === 0) return false;
  for (const node of s.nodeLookup.values()) if (!node.internals.handleBounds) return false;
  return true;
};

/**
 * Places the view: the whole graph when it fits at a readable zoom (again after every change to the
 * DAG), otherwise the first stages, panning to a stage chosen elsewhere when it is out of sight.
 * Reports readiness once every stage is rendered with its handles measured and the first view placed.
 */
export function GraphViewport({ layout, stageCount, reveal, onReady }: { layout: GraphLayout; stageCount: number; reveal?: { refId: string; at: number }; onReady(): void }) {
  const initialized = useStore(handlesMeasured);
  const { fitView, setViewport, setCenter, getViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const placed = useRef<GraphLayout | undefined>(undefined);
  const fits = Math.min(width / (layout.width + 2 * PADDING), height / (layout.height + 2 * PADDING)) >= MIN_READABLE_ZOOM;

  useEffect(() => {
    if (width === 0 || height === 0 || placed.current === layout) return;
    if (placed.current === undefined) {
      if (stageCount > 0 && !initialized) return;
      if (stageCount === 0) void setViewport({ x: 0, y: 0, zoom: 1 });
      else if (fits) void fitView({ ...fitOptions, duration: 0 });
      else {
        const zoom = Math.max(MIN_READABLE_ZOOM, Math.min(1, height / (layout.height + 2 * PADDING)));
        void setViewport({ x: PADDING, y: (height - layout.height * zoom) / 2, zoom });
      }
      placed.current = layout;
      onReady();
      return;
    }
    placed.current = layout;
    if (fits && stageCount > 0) void fitView(fitOptions);
  }, [initialized, width, height, layout, stageCount, fits, fitView, setViewport, onReady]);

  const revealed = useRef(reveal);
  useEffect(() => {
    if (!reveal || reveal === revealed.current || placed.current === undefined) return;
    // A new stage reaches the (deferred) layout a moment after it is selected: wait for it.
    const at = layout.positions.get(reveal.refId);
    if (!at) return;
    revealed.current = reveal;
    // Move only when the stage is out of sight, so choosing a visible stage never shifts the graph.
    const { x, y, zoom } = getViewport();
    const left = at.x * zoom + x;
    const top = at.y * zoom + y;
    if (left >= 0 && top >= 0 && left + NODE_WIDTH * zoom <= width && top + NODE_HEIGHT * zoom <= height) return;
    if (fits) void fitView(fitOptions);
    else void setCenter(at.x + NODE_WIDTH / 2, at.y + NODE_HEIGHT / 2, { zoom, duration: 150 });
  }, [reveal, layout]); // eslint-disable-line react-hooks/exhaustive-deps -- only a new reveal request (or its stage appearing) moves the view

  return null;
}
