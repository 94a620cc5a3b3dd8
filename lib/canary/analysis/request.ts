import { z } from 'zod';

/** Kayenta's thresholds default in `spin canary canary-config retro` (pass 95, marginal 75). */
const thresholdsSchema = z
  .strictObject({ pass: z.number().min(0).max(100), marginal: z.number().min(0).max(100) })
  .refine((t) => t.marginal <= t.pass, { message: 'marginal must not exceed pass', path: ['marginal'] });

const isoInstant = z.iso.datetime({ offset: true, message: 'an ISO 8601 instant, e.g. 2026-11-27T10:00:00Z' });
const extendedScopeParamsSchema = z.record(z.string(), z.string()).optional();
const scopeSchema = z.string().trim().min(1, 'required').max(253);

/** Prometheus refuses query_range with more than 11,000 points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;

function checkWindow(value: { start: string; end: string; step: number }, ctx: z.RefinementCtx): void {
  const start = Date.parse(value.start);
  const end = Date.parse(value.end);
  if (!(end > start)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
  else if ((end - start) / 1_000 / value.step > MAX_POINTS_PER_SERIES) {
    ctx.addIssue({ code: 'custom', path: ['step'], message: `too small for the window: more than ${MAX_POINTS_PER_SERIES} points per series` });
  }
}

/**
 * A retrospective analysis: the judge run once over a past window, as Kayenta's standalone canary
 * executions and `spin canary canary-config retro` do. Exactly one of a stored config (by id) or an
 * inline Kayenta config.
 */
export const retrospectiveRequestSchema = z
  .strictObject({
    application: z.string().trim().min(1, 'required'),
    canaryConfigId: z.string().trim().min(1).optional(),
    canaryConfig: z.record(z.string(), z.unknown()).optional(),
    metricsAccountName: z.string().trim().min(1).optional(),
    controlScope: scopeSchema,
    controlLocation: z.string().optional(),
    experimentScope: scopeSchema,
    experimentLocation: z.string().optional(),
    extendedScopeParams: extendedScopeParamsSchema,
    start: isoInstant,
    end: isoInstant,
    /** Seconds between points. */
    step: z.number().int().min(1).max(3_600).default(60),
    thresholds: thresholdsSchema.default({ pass: 95, marginal: 75 }),
  })
  .superRefine((value, ctx) => {
    if (Boolean(value.canaryConfigId) === Boolean(value.canaryConfig)) {
      ctx.addIssue({ code: 'custom', path: ['canaryConfigId'], message: 'give exactly one of canaryConfigId or canaryConfig' });
    }
    checkWindow(value, ctx);
  });
export type RetrospectiveRequest = z.infer<typeof retrospectiveRequestSchema>;
export type RetrospectiveRequestInput = z.input<typeof retrospectiveRequestSchema>;

/** One metric's query run for one scope over a window (the "Preview" of the metric dialog). */
export const metricPreviewRequestSchema = z
  .strictObject({
    application: z.string().trim().min(1, 'required'),
    metricsAccountName: z.string().trim().min(1).optional(),
    /** A Kayenta canary metric (its `query` is what is run). */
    metric: z.record(z.string(), z.unknown()),
    /** The config's filter templates, for metrics that name one. */
    templates: z.record(z.string(), z.string()).default({}),
    scope: scopeSchema,
    location: z.string().optional(),
    extendedScopeParams: extendedScopeParamsSchema,
    start: isoInstant,
    end: isoInstant,
    step: z.number().int().min(1).max(3_600).default(60),
  })
  .superRefine(checkWindow);
export type MetricPreviewRequest = z.infer<typeof metricPreviewRequestSchema>;

export const metricPreviewSchema = z.object({
  query: z.string(),
  series: z.array(z.object({ labels: z.record(z.string(), z.string()), points: z.array(z.tuple([z.number(), z.number().nullable()])) })),
});
export type MetricPreview = z.infer<typeof metricPreviewSchema>;
