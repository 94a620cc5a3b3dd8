import { z } from 'zod';

/** Request and response shapes of the pipelines API, shared by routes, the editor and the OpenAPI document. */

export const validationIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});

const pipelineJson = z
  .record(z.string(), z.unknown())
  .meta({ description: 'a Spinnaker pipeline config as an object (see /api/v1/schemas/pipeline.json)', examples: [{ name: 'Deploy', stages: [{ refId: '1', type: 'wait', name: 'Wait', waitTime: 30 }] }] });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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
  expectedVersion: z.number().int().min(1).meta({ description: 'the version you loaded (GET answers it as version)', examples: [3] }),
});

/** POST …/pipelines: `{pipeline}`. */
export const createPipelineRequestSchema = savePipelineRequestSchema.pick({ pipeline: true });
/** What the create route parses: `{pipeline}`, or the bare pipeline JSON itself (as Deck and `spin` files hold it). */
export const createPipelineBodySchema = z.preprocess((body) => (isRecord(body) && !('pipeline' in body) ? { pipeline: body } : body), createPipelineRequestSchema);

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
  input: z.unknown().meta({ description: 'a Spinnaker pipeline, a list of them, or {application, pipelines: [...]}', examples: [[{ name: 'Deploy', stages: [] }]] }),
  /** true: only report what would happen. */
  dryRun: z.boolean().default(true).meta({ description: 'true to only report what would happen, false to save', examples: [false] }),
});

/**
 * What the import route parses: `{input, dryRun}`, or a bare Spinnaker export (a pipeline, a list,
 * a Dinghy container) with `dryRun` from the query string (`?dryRun=false` saves; default: report only).
 */
export function importBodySchema(dryRun: boolean | undefined) {
  return z.preprocess((body) => (isRecord(body) && 'input' in body ? body : { input: body, ...(dryRun === undefined ? {} : { dryRun }) }), importRequestSchema);
}

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
      outcome: z.enum(['create', 'update', 'invalid', 'created', 'updated', 'failed']),
      id: z.string().optional(),
      issues: z.array(validationIssueSchema),
    }),
  ),
});

export type PipelineView = z.infer<typeof pipelineViewSchema>;
export type PipelineSummaryDto = z.infer<typeof pipelineSummarySchema>;
export type RevisionDetail = z.infer<typeof revisionDetailSchema>;
export type ImportReport = z.infer<typeof importReportSchema>;
