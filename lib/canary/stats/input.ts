import { z } from 'zod';
import type { FieldIssue } from '../../errors';
import { describeZodIssue, issuesInWords } from '../../errors-in-words';
import { canaryConfigSchema, numericSchema } from './canary-config';
import { FORESAIL_JUDGE, selectedJudge, unknownJudgeMessage } from './foresail/settings';
import { foresailStateSchema } from './foresail/state';

const NON_FINITE: Record<string, number> = {
  nan: Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
};
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function toMetricValue(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  // JSON has no NaN: Kayenta writes it as the string "NaN", and JSON.stringify writes it as null.
  if (raw === null) return Number.NaN;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  const special = NON_FINITE[text.toLowerCase()];
  if (special !== undefined) return special;
  return NUMBER.test(text) ? Number(text) : undefined;
}

/**
 * A series of metric values. Parsed with one loop rather than a zod union per element: a judgement
 * carries hundreds of thousands of points, and the issue path still names the bad index.
 */
export const metricValuesSchema = z.array(z.unknown()).transform((raw, ctx) => {
  const values = new Array<number>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const value = toMetricValue(raw[i]);
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', path: [i], input: raw[i], message: 'must be a number, a numeric string or "NaN"' });
      return z.NEVER;
    }
    values[i] = value;
  }
  return values;
});

export const metricSetPairSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1),
  tags: z.record(z.string(), z.string()).nullish().transform((t) => t ?? {}),
  values: z.looseObject({ control: metricValuesSchema, experiment: metricValuesSchema }),
});

export const judgeSettingsSchema = z.looseObject({
  confidenceLevel: numericSchema.pipe(z.number().gt(0, 'must be above 0').lt(1, 'must be below 1')).optional(),
  tolerance: numericSchema.pipe(z.number().min(0, 'cannot be negative')).optional(),
});

export const scoreThresholdsSchema = z.looseObject({ pass: numericSchema, marginal: numericSchema });

export const judgeInputSchema = z
  .looseObject({
    config: canaryConfigSchema,
    metricSetPairs: z.array(metricSetPairSchema),
    thresholds: scoreThresholdsSchema,
    judge: judgeSettingsSchema.optional(),
    /** foresail-v1: the `sequential.state` of the previous interval's answer; the pairs then hold only the new points. */
    state: foresailStateSchema.optional(),
    /** foresail-v1: the canary's share of canary + baseline traffic, for count metrics without an exposure metric. */
    canaryTrafficShare: numericSchema.pipe(z.number().gt(0, 'must be above 0').lt(1, 'must be below 1')).optional(),
  })
  .superRefine((input, ctx) => {
    const chosen = selectedJudge(input.config);
    if (typeof chosen === 'object') ctx.addIssue({ code: 'custom', path: ['config', 'judge', 'name'], message: unknownJudgeMessage(chosen.unknown) });
    else if (input.state && chosen !== FORESAIL_JUDGE) ctx.addIssue({ code: 'custom', path: ['state'], message: `only the ${FORESAIL_JUDGE} judge carries state between intervals; this config uses ${chosen}` });
    // Kayenta throws on a pair without a metric config; name it up front instead of failing mid-judgement.
    const names = new Set(input.config.metrics.map((m) => m.name));
    input.metricSetPairs.forEach((pair, i) => {
      if (!names.has(pair.name)) {
        ctx.addIssue({ code: 'custom', path: ['metricSetPairs', i, 'name'], message: `no metric named "${pair.name}" in config.metrics` });
      }
    });
    // The config may carry its own judge settings (advanced); they must be valid if present.
    const configured = input.config.judge?.judgeConfigurations ?? {};
    const checked = judgeSettingsSchema.safeParse({ confidenceLevel: configured.confidenceLevel, tolerance: configured.tolerance });
    for (const issue of checked.error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', path: ['config', 'judge', 'judgeConfigurations', ...issue.path.map(String)], message: describeZodIssue(issue) });
    }
  });

export type JudgeInput = z.infer<typeof judgeInputSchema>;
export type JudgeInputJson = z.input<typeof judgeInputSchema>;
export type MetricSetPair = z.infer<typeof metricSetPairSchema>;

/** Validates an untrusted judge request; issues name the field, e.g. `metricSetPairs[2].values.control[17]`. */
export function parseJudgeInput(raw: unknown): { input: JudgeInput } | { issues: FieldIssue[] } {
  const parsed = judgeInputSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return { input: parsed.data };
  return { issues: issuesInWords(parsed.error, judgeInputSchema) };
}
