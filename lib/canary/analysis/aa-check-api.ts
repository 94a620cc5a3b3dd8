import { z } from 'zod';
import { MAX_POINTS_PER_SERIES } from './request';

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

