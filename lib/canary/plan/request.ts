import { z } from 'zod';
import { parseStageForRun } from '../../pipeline/run';
import { planCanary } from './plan';
import type { PlanResult } from './types';

/** `POST /api/v1/canary/plan` and `foresail canary-plan`: a kayentaCanary stage and when it starts. */
export const canaryPlanRequestSchema = z.object({
  /** The kayentaCanary stage as in a pipeline (`type` may be left out); numbers may be strings. */
  stage: z.record(z.string(), z.unknown()),
  /** When the stage starts: ISO-8601 or ms since the epoch; default now. */
  startTime: z.union([z.string(), z.number()]).optional(),
});

const windowSchema = z.object({ startMs: z.number(), endMs: z.number() });
export const canaryPlanSchema = z.object({
  mode: z.enum(['realTime', 'retrospective']),
  startMs: z.number(),
  lifetimeMs: z.number(),
  intervalMs: z.number(),
  warmupMs: z.number(),
  lookbackMs: z.number(),
  baselineOffsetMs: z.number(),
  stepSeconds: z.number(),
  window: z.enum(['growing', 'sliding']),
  thresholds: z.object({ pass: z.number(), marginal: z.number() }),
  steps: z.array(
    z.union([
      z.object({ kind: z.literal('wait'), name: z.string(), durationMs: z.number(), untilMs: z.number() }),
      z.object({ kind: z.literal('analysis'), name: z.string(), interval: z.number(), atMs: z.number(), canary: windowSchema, baseline: windowSchema }),
    ]),
  ),
  intervals: z.array(z.object({ interval: z.number(), atMs: z.number(), canary: windowSchema, baseline: windowSchema })),
});

/** Validates the stage as the engine would before running it, then plans it from `startTime`. */
export function planFromRequest(request: z.infer<typeof canaryPlanRequestSchema>, nowMs: number): PlanResult {
  let start = nowMs;
  if (request.startTime !== undefined) {
    const parsed = typeof request.startTime === 'number' ? request.startTime : Date.parse(request.startTime);
    if (!Number.isFinite(parsed)) return { ok: false, issues: [{ path: 'startTime', message: 'must be an ISO-8601 time or milliseconds since the epoch' }] };
    start = parsed;
  }
  const checked = parseStageForRun({ refId: 'canary', name: 'Canary analysis', ...request.stage, type: 'kayentaCanary' });
  if (!checked.ok) return { ok: false, issues: checked.issues.filter((i) => i.severity === 'error').map((i) => ({ path: `stage.${i.path}`, message: i.message })) };
  if (checked.stage.type !== 'kayentaCanary') return { ok: false, issues: [{ path: 'stage.type', message: 'must be kayentaCanary' }] };
  const planned = planCanary({ analysisType: checked.stage.analysisType, canaryConfig: checked.stage.canaryConfig }, start);
  return planned.ok ? planned : { ok: false, issues: planned.issues.map((i) => ({ path: `stage.${i.path}`, message: i.message })) };
}
