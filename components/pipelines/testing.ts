/**
 * Test support for the stage graph's layout: a 30-stage fan-out/fan-in pipeline with edges spanning
 * several layers, and a geometric check that no drawn edge passes through a stage box other than
 * its own source and target.
 */
import type { EdgeSegment, Point } from './edge-path';

export interface FanStage {
  refId: string;
  requisiteStageRefIds: string[];
}

/**
 * build → six regional deploy branches of 1 to 6 stages → verify → canary → promote → cleanup, plus
 * stages that skip layers: verify, notify and archive also wait on build; smoke (after the first
 * region) holds promote; report joins the third region's first stage with verify. 30 stages.
 */
export function fanOutFanIn(): FanStage[] {
  const stages: FanStage[] = [{ refId: 'build', requisiteStageRefIds: [] }];
  const lastOfBranch: string[] = [];
  for (let region = 0; region < 6; region++) {
    for (let step = 0; step <= region; step++) {
      const refId = `deploy-${region}-${step}`;
      stages.push({ refId, requisiteStageRefIds: [step === 0 ? 'build' : `deploy-${region}-${step - 1}`] });
      if (step === region) lastOfBranch.push(refId);
    }
  }
  const add = (refId: string, ...requisiteStageRefIds: string[]) => stages.push({ refId, requisiteStageRefIds });
  add('verify', ...lastOfBranch, 'build');
  add('smoke', 'deploy-0-0');
  add('canary', 'verify');
  add('promote', 'canary', 'smoke');
  add('cleanup', 'promote');
  add('notify', 'build', 'cleanup');
  add('report', 'deploy-2-0', 'verify');
  add('archive', 'report', 'build');
  return stages;
}

export interface Box {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function cubic(s: Extract<EdgeSegment, { kind: 'curve' }>, t: number): Point {
  const u = 1 - t;
  const [a, b, c, d] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return { x: a * s.from.x + b * s.c1.x + c * s.c2.x + d * s.to.x, y: a * s.from.y + b * s.c1.y + c * s.c2.y + d * s.to.y };
}

/** The segments as a polyline: curves sampled finely (64 pieces), lines as they are. */
export function polyline(segments: readonly EdgeSegment[]): Point[] {
  const points: Point[] = [];
  for (const s of segments) {
    if (points.length === 0) points.push(s.from);
    if (s.kind === 'line') points.push(s.to);
    else for (let i = 1; i <= 64; i++) points.push(cubic(s, i / 64));
  }
  return points;
}

/** Whether the segment a–b enters the inside of the box (touching its border does not count): Liang–Barsky clipping. */
export function segmentEntersBox(a: Point, b: Point, box: Box): boolean {
  const inset = 0.5;
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - (box.left + inset)],
    [dx, box.right - inset - a.x],
    [-dy, a.y - (box.top + inset)],
    [dy, box.bottom - inset - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

/** "from → to passes through X" for every edge polyline that enters a box other than its own ends'. */
export function edgesThroughBoxes(edges: readonly { from: string; to: string; points: readonly Point[] }[], boxes: readonly Box[]): string[] {
  const found: string[] = [];
  for (const edge of edges) {
    for (const box of boxes) {
      if (box.id === edge.from || box.id === edge.to) continue;
      const hit = edge.points.some((p, i) => {
        const next = edge.points[i + 1];
        return next !== undefined && segmentEntersBox(p, next, box);
      });
      if (hit) found.push(`${edge.from} → ${edge.to} passes through ${box.id}`);
    }
  }
  return found;
}
