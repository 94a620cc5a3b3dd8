import { z } from 'zod';

/** GET /api/v1/trigger-attempts query (also documents the endpoint in the OpenAPI document). */
export const triggerAttemptQuerySchema = z.strictObject({
  application: z.string().max(40).optional(),
  /** A pipeline config id. */
  pipeline: z.string().max(100).optional(),
  /** github, docker, webhook, cron, pipeline, manual, api, gate. */
  source: z.string().max(40).optional(),
  cursor: z.string().regex(/^\d{1,19}$/, 'must be a cursor from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TriggerAttemptQueryInput = z.infer<typeof triggerAttemptQuerySchema>;

export const triggerAttemptDtoSchema = z.object({
  id: z.string(),
  at: z.string(),
  source: z.string(),
  application: z.string().nullable(),
  pipelineId: z.string().nullable(),
  deliveryId: z.string().nullable(),
  outcome: z.string(),
  reason: z.string(),
  executionId: z.string().nullable(),
  details: z.unknown(),
});
export const triggerAttemptPageSchema = z.object({ attempts: z.array(triggerAttemptDtoSchema), nextCursor: z.string().nullable() });

/** Reads the query string ("" counts as absent). */
export function parseTriggerAttemptQuery(params: URLSearchParams): TriggerAttemptQueryInput {
  return triggerAttemptQuerySchema.parse(Object.fromEntries([...params.entries()].filter(([, v]) => v !== '')));
}
