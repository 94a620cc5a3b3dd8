import { z } from 'zod';

/**
 * Kayenta's canary config as `spin canary canary-config save` and Deck send it. Every object keeps
 * unknown keys (Kayenta adds fields over time and stores what it is given), and no defaults are filled
 * in here: Deck deletes values equal to the default, so storing defaults would make saved configs
 * differ from Kayenta's. The judge resolves defaults itself (metric-config.ts).
 */

/** A number, or a string holding one: Kayenta's configs are often hand-written with quoted numbers. */
export const numericSchema = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, 'must be a number')
    .transform(Number),
]);

/** `true`/`false`, also as strings: Kayenta reads these flags with a string-tolerant helper. */
export const booleanishSchema = z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')]);

export const effectSizeSchema = z.looseObject({
  measure: z.string().optional(),
  allowedIncrease: numericSchema.optional(),
  allowedDecrease: numericSchema.optional(),
  criticalIncrease: numericSchema.optional(),
  criticalDecrease: numericSchema.optional(),
});

export const outliersSchema = z.looseObject({
  strategy: z.string().optional(),
  outlierFactor: numericSchema.pipe(z.number().positive('must be greater than 0')).optional(),
});

/**
 * `analysisConfigurations.canary`. Enum-like fields stay plain strings because Kayenta treats an
 * unknown value as the default (direction → either, nanStrategy → remove) rather than rejecting it.
 */
/**
 * Foresail-only metric settings (`analysisConfigurations.canary.foresail`), read by the foresail-v1
 * judge and ignored by Kayenta (which keeps unknown keys): what kind of series the query returns,
 * which counter measures each side's exposure, and what no data means.
 */
export const foresailMetricSchema = z.looseObject({
  kind: z.enum(['gauge', 'count', 'histogram'], { error: 'must be gauge, count or histogram' }).optional(),
  exposure: z.string().trim().min(1, 'name the metric that counts requests').optional(),
  noData: z.enum(['fail', 'marginal', 'ignore'], { error: 'must be fail, marginal or ignore' }).optional(),
});

export const canaryAnalysisSchema = z.looseObject({
  direction: z.string().optional(),
  nanStrategy: z.string().optional(),
  critical: booleanishSchema.optional(),
  mustHaveData: booleanishSchema.optional(),
  muted: booleanishSchema.optional(),
  effectSize: effectSizeSchema.optional(),
  outliers: outliersSchema.optional(),
  foresail: foresailMetricSchema.optional(),
});

/** The metric store query; only `type` is common to every store (prometheus, atlas, datadog, …). */
export const metricQuerySchema = z.looseObject({
  type: z.string().min(1),
  serviceType: z.string().optional(),
  metricName: z.string().optional(),
  resourceType: z.string().optional(),
  labelBindings: z.array(z.string()).optional(),
  groupByFields: z.array(z.string()).optional(),
  customInlineTemplate: z.string().optional(),
  customFilterTemplate: z.string().optional(),
  customFilter: z.string().optional(),
});

export const canaryMetricSchema = z.looseObject({
  name: z.string().min(1, 'metric name is required'),
  query: metricQuerySchema.optional(),
  groups: z.array(z.string()).optional(),
  analysisConfigurations: z.looseObject({ canary: canaryAnalysisSchema.optional() }).optional(),
  scopeName: z.string().optional(),
});

export const canaryConfigSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  applications: z.array(z.string()).optional(),
  configVersion: z.string().optional(),
  createdTimestamp: z.number().optional(),
  updatedTimestamp: z.number().optional(),
  createdTimestampIso: z.string().optional(),
  updatedTimestampIso: z.string().optional(),
  judge: z
    .looseObject({
      name: z.string().optional(),
      judgeConfigurations: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  metrics: z.array(canaryMetricSchema),
  templates: z.record(z.string(), z.string()).optional(),
  classifier: z
    .looseObject({
      groupWeights: z.record(z.string(), numericSchema.pipe(z.number().min(0, 'weights cannot be negative'))).optional(),
      scoreThresholds: z.looseObject({ pass: numericSchema.optional(), marginal: numericSchema.optional() }).optional(),
    })
    .optional(),
});

export type CanaryConfig = z.infer<typeof canaryConfigSchema>;
export type CanaryConfigInput = z.input<typeof canaryConfigSchema>;
export type CanaryMetricConfig = z.infer<typeof canaryMetricSchema>;
