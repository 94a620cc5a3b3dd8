'use client';

import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { edgeSegments, svgPath } from './edge-path';
import type { EdgeLane } from './layout';

export type RoutedEdgeData = { parent: string; child: string; lanes: readonly EdgeLane[] };
export type RoutedFlowEdge = Edge<RoutedEdgeData, 'routed'>;

/** A dependency drawn along the lanes the layout gave it, so it never crosses a stage between its ends. */
export const RoutedEdge = memo(function RoutedEdge({ sourceX, sourceY, targetX, targetY, data, markerEnd, style, interactionWidth }: EdgeProps<RoutedFlowEdge>) {
  const path = svgPath(edgeSegments({ x: sourceX, y: sourceY }, data?.lanes ?? [], { x: targetX, y: targetY }));
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />;
});
