import { z } from 'zod';
import { seriesMomentsSchema } from './series-moments';

/**
 * What the foresail-v1 judge carries from one interval to the next: per metric, the sufficient
 * statistics of everything judged so far (never the points), whether and when it failed, and the
 * largest e-value seen (for the anytime-valid p-value). The stage stores it with each interval
 * record; API and CLI callers pass the previous answer's `state` back with the next interval's data.
 */

const countIntervalSchema = z.object({ canaryEvents: z.number().min(0), baselineEvents: z.number().min(0), canaryShare: z.number().gt(0).lt(1) });
const histogramIntervalSchema = z.object({ canaryTotal: z.number().min(0), baselineTotal: z.number().min(0), canaryAbove: z.array(z.number()), baselineAbove: z.array(z.number()) });

export const metricStateSchema = z.object({
  kind: z.enum(['gauge', 'count', 'histogram']),
  looks: z.number().int().min(0),
  /** ln of the largest combined e-value seen (finite; capped). */
  maxLogE: z.number(),
  failed: z
    .object({ label: z.enum(['High', 'Low']), critical: z.boolean(), look: z.number().int(), test: z.string() })
    .nullable(),
  count: z.array(countIntervalSchema).optional(),
  histogram: z
    .object({
      bounds: z.array(z.number().nullable()),
      canary: z.array(z.number()),
      baseline: z.array(z.number()),
      intervals: z.array(histogramIntervalSchema),
    })
    .optional(),
  gauge: z
    .object({
      centre: z.number().nullable(),
      canary: seriesMomentsSchema,
      baseline: seriesMomentsSchema,
      canarySpread: seriesMomentsSchema,
      baselineSpread: seriesMomentsSchema,
    })
    .optional(),
});
export type MetricState = z.infer<typeof metricStateSchema>;
export type CountInterval = z.infer<typeof countIntervalSchema>;
export type HistogramInterval = z.infer<typeof histogramIntervalSchema>;

export const foresailStateSchema = z.object({
  judge: z.literal('foresail-v1'),
  /** Intervals judged so far. */
  looks: z.number().int().min(0),
  alpha: z.number().gt(0).lt(0.5),
  /** Metrics the error rate is shared over (fixed at the first interval; it may only grow). */
  tested: z.number().int().min(0),
  metrics: z.record(z.string(), metricStateSchema),
});
export type ForesailState = z.infer<typeof foresailStateSchema>;

/** JSON has no Infinity: the +Inf bucket bound is stored as null. */
export const boundToJson = (b: number): number | null => (Number.isFinite(b) ? b : null);
export const boundFromJson = (b: number | null): number => (b === null ? Number.POSITIVE_INFINITY : b);
