import { z } from 'zod';

/** Request and response shapes of the pipelines API, shared by routes, the editor and the OpenAPI document. */

export const validationIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});

const pipelineJson = z.record(z.string(), z.unknown()).describe('A Spinnaker pipeline config (see /api/v1/schemas/pipeline.json)');

export const pipelineViewSchema = z.object({
  pipeline: pipelineJson,
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  warnings: z.array(validationIssueSchema).optional(),
});

export const pipelineSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  index: z.number().int(),
  disabled: z.boolean(),
  locked: z.boolean(),
  version: z.number().int(),
  stageCount: z.number().int(),
  triggerTypes: z.array(z.string()),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});

export const savePipelineRequestSchema = z.strictObject({
  pipeline: pipelineJson,
  /** The version you loaded; a newer one on the server answers 409 (stale save). */
  expectedVersion: z.number().int().min(1),
});

/** Rotates one trigger's secret without sending (or re-typing) the rest of the pipeline. */
export const rotateTriggerSecretRequestSchema = z.strictObject({
  secret: z.string().trim().min(1, 'the new secret must not be empty').max(500, 'at most 500 characters'),
  expectedVersion: z.number().int().min(1),
});

export const changePipelineRequestSchema = z
  .strictObject({
    expectedVersion: z.number().int().min(1),
    disabled: z.boolean().optional(),
    locked: z.union([z.literal(false), z.strictObject({ description: z.string().max(500).optional(), allowUnlockUi: z.boolean().optional() })]).optional(),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .refine((c) => [c.disabled, c.locked, c.name].filter((v) => v !== undefined).length === 1, { message: 'change exactly one of disabled, locked or name' });

export const reorderRequestSchema = z.strictObject({ ids: z.array(z.string().min(1)).min(1).max(1000) });

export const validateRequestSchema = z.strictObject({ pipeline: pipelineJson, application: z.string().optional() });

export const importRequestSchema = z.strictObject({
  /** A pipeline, a list of pipelines, or a Dinghy-style {application, pipelines: [...]} container. */
  input: z.unknown(),
  /** true: only report what would happen. */
  dryRun: z.boolean().default(true),
});

export const revisionSummarySchema = z.object({
  version: z.number().int(),
  action: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const revisionDetailSchema = revisionSummarySchema.extend({
  config: pipelineJson,
  /** Changes from the previous revision (or from nothing, for the first). */
  changes: z.array(z.object({ path: z.string(), kind: z.enum(['added', 'removed', 'changed']), before: z.unknown().optional(), after: z.unknown().optional() })),
});

export const importReportSchema = z.object({
  application: z.string(),
  dryRun: z.boolean(),
  items: z.array(
    z.object({
      index: z.number().int(),
      name: z.string().optional(),
      /** `template`: an MPT v2 template document, checked but not stored as a pipeline. */
      outcome: z.enum(['create', 'update', 'invalid', 'template', 'created', 'updated', 'failed']),
      id: z.string().optional(),
      issues: z.array(validationIssueSchema),
    }),
  ),
});

export type PipelineView = z.infer<typeof pipelineViewSchema>;
export type PipelineSummaryDto = z.infer<typeof pipelineSummarySchema>;
export type RevisionDetail = z.infer<typeof revisionDetailSchema>;
export type ImportReport = z.infer<typeof importReportSchema>;
