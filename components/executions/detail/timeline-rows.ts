import type { GraphStage } from './graph-model';

export interface TimelineRow {
  stage: GraphStage;
  /** Nesting depth: 0 for top-level stages, 1+ for synthetic ones. */
  depth: number;
  /** Bar start and width as fractions of the timeline's span; undefined for stages that never started. */
  offset?: number;
  width?: number;
  durationMs?: number;
}

export interface Timeline {
  rows: TimelineRow[];
  startMs: number;
  spanMs: number;
}

/**
 * Rows for the Gantt-like timeline: stages ordered by start time (never-started ones last, in
 * config order), each synthetic stage right after its parent; running stages extend to `now`.
 */
export function timelineRows(stages: readonly GraphStage[], now: number): Timeline {
  const started = stages.filter((s) => s.startTime !== null);
  const startMs = started.reduce((min, s) => Math.min(min, s.startTime ?? min), Number.POSITIVE_INFINITY);
  const endMs = started.reduce((max, s) => Math.max(max, s.endTime ?? now), Number.NEGATIVE_INFINITY);
  const hasSpan = started.length > 0;
  // A span of at least one second keeps instant stages visible as slivers instead of dividing by zero.
  const spanMs = hasSpan ? Math.max(1_000, endMs - startMs) : 1_000;
  const base = hasSpan ? startMs : now;

  const byParent = new Map<string | null, GraphStage[]>();
  for (const s of stages) byParent.set(s.parentStageId, [...(byParent.get(s.parentStageId) ?? []), s]);
  const order = (list: GraphStage[]) => list.map((s, i) => ({ s, i })).sort((a, b) => (a.s.startTime ?? Infinity) - (b.s.startTime ?? Infinity) || a.i - b.i).map(({ s }) => s);

  const rows: TimelineRow[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const stage of order(byParent.get(parent) ?? [])) {
      if (stage.startTime === null) rows.push({ stage, depth });
      else {
        const durationMs = Math.max(0, (stage.endTime ?? now) - stage.startTime);
        rows.push({ stage, depth, offset: (stage.startTime - base) / spanMs, width: durationMs / spanMs, durationMs });
      }
      visit(stage.id, depth + 1);
    }
  };
  visit(null, 0);
  return { rows, startMs: base, spanMs };
}
