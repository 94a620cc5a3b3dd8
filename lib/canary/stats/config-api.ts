import { z } from 'zod';

/** Request and response shapes of the canary-config API, shared by the routes, the docs and the editor. */
export const canaryConfigSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  applications: z.array(z.string()),
  updatedTimestamp: z.number(),
  updatedTimestampIso: z.string(),
  metricCount: z.number().int(),
  updatedBy: z.string().nullable(),
});
export type CanaryConfigSummaryDto = z.infer<typeof canaryConfigSummarySchema>;

export const canaryConfigViewSchema = z.object({
  config: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type CanaryConfigViewDto = z.infer<typeof canaryConfigViewSchema>;

const configBody = z.record(z.string(), z.unknown(), { error: 'must be a Kayenta canary config object' });
export const createCanaryConfigRequestSchema = z.object({ config: configBody });
export const saveCanaryConfigRequestSchema = z.object({ config: configBody, expectedVersion: z.number().int().min(1) });
