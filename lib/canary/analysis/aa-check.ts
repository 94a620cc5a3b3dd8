import { z } from 'zod';
import type { CanaryConfig, JudgeInput, MetricSetPair } from '../stats';
import { MAX_POINTS_PER_SERIES } from './request';
import { runAnalysis, type IntervalData } from './run-intervals';

const isoInstant = z.iso.datetime({ offset: true, message: 'an ISO 8601 instant, e.g. 2026-11-27T10:00:00Z' });
const MAX_RUNS = 200;

/**
 * "Run an A/A check": a config judged on two windows of the *same* production workload, many times
 * over a past period, to see how often it would have failed a canary that changed nothing.
 */
export const aaCheckRequestSchema = z
  .strictObject({
    application: z.string().trim().min(1, 'required'),
    canaryConfigId: z.string().trim().min(1).optional(),
    canaryConfig: z.record(z.string(), z.unknown()).optional(),
    metricsAccountName: z.string().trim().min(1).optional(),
    /** The production workload both sides read (its scope and location). */
    scope: z.string().trim().min(1, 'required').max(253),
    location: z.string().optional(),
    extendedScopeParams: z.record(z.string(), z.string()).optional(),
    start: isoInstant,
    end: isoInstant,
    lifetimeMinutes: z.number().gt(0, 'must be more than 0').max(1_440).default(60),
    intervalMinutes: z.number().gt(0, 'must be more than 0').max(1_440).default(10),
    /** How much earlier the baseline window is than the canary window; default the lifetime (adjacent windows). */
    offsetMinutes: z.number().gt(0, 'must be more than 0').max(10_080).optional(),
    step: z.number().int().min(1).max(3_600).default(60),
    thresholds: z.strictObject({ pass: z.number().min(0).max(100), marginal: z.number().min(0).max(100) }).default({ pass: 75, marginal: 50 }),
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.canaryConfigId) === Boolean(v.canaryConfig)) ctx.addIssue({ code: 'custom', path: ['canaryConfigId'], message: 'give exactly one of canaryConfigId or canaryConfig' });
    if (v.intervalMinutes > v.lifetimeMinutes) ctx.addIssue({ code: 'custom', path: ['intervalMinutes'], message: 'must not be longer than the lifetime' });
    const span = Date.parse(v.end) - Date.parse(v.start);
    const offset = (v.offsetMinutes ?? v.lifetimeMinutes) * 60_000;
    if (!(span > 0)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
    else if (span / 1_000 / v.step > MAX_POINTS_PER_SERIES) ctx.addIssue({ code: 'custom', path: ['step'], message: `too small for the period: more than ${MAX_POINTS_PER_SERIES} points per series` });
    else if (span < offset + v.lifetimeMinutes * 60_000) ctx.addIssue({ code: 'custom', path: ['start'], message: 'the period must hold the baseline offset plus one lifetime' });
    else if (Math.floor((span - offset) / (v.lifetimeMinutes * 60_000)) > MAX_RUNS) ctx.addIssue({ code: 'custom', path: ['lifetimeMinutes'], message: `the period holds more than ${MAX_RUNS} analyses; shorten it or lengthen the lifetime` });
  });
export type AaCheckRequest = z.infer<typeof aaCheckRequestSchema>;
export type AaCheckRequestInput = z.input<typeof aaCheckRequestSchema>;

export const aaCheckResultSchema = z.object({
  judgeName: z.string(),
  runs: z.array(z.object({ canaryStartMs: z.number(), baselineStartMs: z.number(), passed: z.boolean(), decidedAt: z.number(), stoppedEarly: z.boolean(), failedMetrics: z.array(z.string()) })),
  failed: z.number().int(),
  total: z.number().int(),
  /** failed / total: this config's false-alarm rate on this workload. */
  rate: z.number(),
  perMetric: z.record(z.string(), z.number().int()),
  intervalsPerRun: z.number().int(),
});
export type AaCheckResult = z.infer<typeof aaCheckResultSchema>;

/** One metric's series over the whole period, fetched once; every run slices it. */
export interface PeriodSeries {
  id: string;
  name: string;
  tags: Record<string, string>;
  points: [number, number][];
}

function slice(series: readonly PeriodSeries[], canary: { from: number; to: number }, baseline: { from: number; to: number }): MetricSetPair[] {
  const pick = (points: [number, number][], w: { from: number; to: number }) => points.filter(([t]) => t > w.from && t <= w.to).map(([, v]) => v);
  return series.map((s) => ({ id: s.id, name: s.name, tags: s.tags, values: { control: pick(s.points, baseline), experiment: pick(s.points, canary) } }));
}

/**
 * Runs the analysis (either judge, the stage's decision rules) for each pair of adjacent windows:
 * canary = [s, s + lifetime], baseline = the same shifted earlier by the offset, s stepping by the
 * lifetime through the period. Pure: the caller fetched the series.
 */
export function runAaCheck(config: CanaryConfig, request: Pick<AaCheckRequest, 'start' | 'end' | 'lifetimeMinutes' | 'intervalMinutes' | 'offsetMinutes'>, thresholds: JudgeInput['thresholds'], series: readonly PeriodSeries[]): AaCheckResult {
  const lifetime = request.lifetimeMinutes * 60_000;
  const interval = request.intervalMinutes * 60_000;
  const offset = (request.offsetMinutes ?? request.lifetimeMinutes) * 60_000;
  const count = Math.floor(lifetime / interval);
  const first = Date.parse(request.start) + offset;
  const total = Math.floor((Date.parse(request.end) - first) / lifetime);
  const runs: AaCheckResult['runs'] = [];
  const perMetric: Record<string, number> = {};
  let judgeName = '';
  for (let k = 0; k < total; k++) {
    const s = first + k * lifetime;
    const intervals: IntervalData[] = Array.from({ length: count }, (_, i) => ({
      window: slice(series, { from: s - 1, to: s + (i + 1) * interval }, { from: s - offset - 1, to: s - offset + (i + 1) * interval }),
      segment: slice(series, { from: i === 0 ? s - 1 : s + i * interval, to: s + (i + 1) * interval }, { from: i === 0 ? s - offset - 1 : s - offset + i * interval, to: s - offset + (i + 1) * interval }),
    }));
    const outcome = runAnalysis(config, thresholds, intervals, { confidenceSequences: false });
    judgeName = outcome.last.judgeName;
    const failedMetrics = outcome.passed ? [] : [...new Set(outcome.last.results.filter((r) => !r.muted && r.classification !== 'Pass').map((r) => r.name))];
    for (const name of failedMetrics) perMetric[name] = (perMetric[name] ?? 0) + 1;
    runs.push({ canaryStartMs: s, baselineStartMs: s - offset, passed: outcome.passed, decidedAt: outcome.decidedAt, stoppedEarly: outcome.stoppedEarly, failedMetrics });
  }
  const failed = runs.filter((r) => !r.passed).length;
  return { judgeName, runs, failed, total: runs.length, rate: runs.length > 0 ? failed / runs.length : 0, perMetric, intervalsPerRun: count };
}
