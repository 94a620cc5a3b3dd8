import type { EdgeLane } from './layout';

export interface Point {
  x: number;
  y: number;
}

export type EdgeSegment = { kind: 'line'; from: Point; to: Point } | { kind: 'curve'; from: Point; c1: Point; c2: Point; to: Point };

/** An S-curve leaving and arriving horizontally; its control points lie between its ends, so it stays in the gap between them. */
const curve = (from: Point, to: Point): EdgeSegment => {
  const mid = (from.x + to.x) / 2;
  return { kind: 'curve', from, c1: { x: mid, y: from.y }, c2: { x: mid, y: to.y }, to };
};

/**
 * The drawn shape of an edge from `start` (on its source's right side) to `end` (on its target's left
 * side): curves only in the gaps between columns, where no stage box is, and straight along each lane
 * the layout gave it through the columns in between.
 */
export function edgeSegments(start: Point, lanes: readonly EdgeLane[], end: Point): EdgeSegment[] {
  const segments: EdgeSegment[] = [];
  let at = start;
  for (const lane of lanes) {
    const into = { x: lane.left, y: lane.y };
    const out = { x: lane.right, y: lane.y };
    segments.push(curve(at, into), { kind: 'line', from: into, to: out });
    at = out;
  }
  segments.push(curve(at, end));
  return segments;
}

/** SVG path data for segments (as `edgeSegments` makes them: each starts where the last ended). */
export function svgPath(segments: readonly EdgeSegment[]): string {
  const first = segments[0];
  if (!first) return '';
  const parts = [`M${first.from.x},${first.from.y}`];
  for (const s of segments) parts.push(s.kind === 'line' ? `L${s.to.x},${s.to.y}` : `C${s.c1.x},${s.c1.y} ${s.c2.x},${s.c2.y} ${s.to.x},${s.to.y}`);
  return parts.join(' ');
}

