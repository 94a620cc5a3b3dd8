import { z } from 'zod';

/**
 * An execution as clients see it — Spinnaker's execution JSON (§3.1, §3.2), so Deck-era scripts and
 * spin read it, with the stages flat and synthetic ones pointing at their parent.
 */

export const stageDtoSchema = z.object({
  id: z.string(),
  refId: z.string(),
  type: z.string(),
  name: z.string(),
  status: z.string(),
  requisiteStageRefIds: z.array(z.string()),
  parentStageId: z.string().nullable(),
  syntheticStageOwner: z.string().nullable(),
  startTime: z.number().nullable(),
  endTime: z.number().nullable(),
  context: z.record(z.string(), z.unknown()),
  outputs: z.record(z.string(), z.unknown()),
  tasks: z.array(z.unknown()),
  lastModified: z.object({ user: z.string(), time: z.number() }).nullable(),
});

export const executionDtoSchema = z.object({
  id: z.string(),
  type: z.literal('PIPELINE'),
  application: z.string(),
  name: z.string(),
  pipelineConfigId: z.string().nullable(),
  status: z.string(),
  buildTime: z.number(),
  startTime: z.number().nullable(),
  endTime: z.number().nullable(),
  canceled: z.boolean(),
  canceledBy: z.string().nullable(),
  cancellationReason: z.string().nullable(),
  paused: z.record(z.string(), z.unknown()).nullable(),
  trigger: z.record(z.string(), z.unknown()),
  authentication: z.object({ user: z.string().nullable(), allowedAccounts: z.array(z.string()) }),
  origin: z.string(),
  limitConcurrent: z.boolean(),
  keepWaitingPipelines: z.boolean(),
  parentExecutionId: z.string().nullable(),
  stages: z.array(stageDtoSchema),
});

/** A list row: stages without context, outputs or tasks (Gate's expand=false). */
export const executionSummarySchema = executionDtoSchema.extend({
  stages: z.array(stageDtoSchema.omit({ context: true, outputs: true, tasks: true })),
});

/** `GET /api/v1/executions/{id}?view=summary`: the stages without context, outputs and tasks (each stage has its own route). */
export const executionViewQuerySchema = z.object({ view: z.enum(['full', 'summary'], { error: 'view must be full or summary' }).optional() });

export const executionPageSchema = z.object({
  executions: z.array(executionSummarySchema),
  nextCursor: z.string().nullable(),
});

export const triggerRequestSchema = z.strictObject({
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  artifacts: z.array(z.record(z.string(), z.unknown())).max(100).default([]),
});

export const cancelRequestSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() });

/** Skipping a running stage says why (it is kept on the stage and in the audit log). */
export const skipRequestSchema = z.strictObject({ reason: z.string({ error: 'say why the stage is skipped' }).trim().min(1, 'say why the stage is skipped').max(1000) });

export const judgmentRequestSchema = z.strictObject({
  judgment: z.enum(['continue', 'stop']),
  input: z.string().trim().max(1000).optional(),
});

export type StageDto = z.infer<typeof stageDtoSchema>;
export type ExecutionDto = z.infer<typeof executionDtoSchema>;
export type ExecutionSummary = z.infer<typeof executionSummarySchema>;
export type StageSummary = ExecutionSummary['stages'][number];
export type ExecutionPage = z.infer<typeof executionPageSchema>;

/** The execution without its stages' context, outputs and tasks: what its page renders first and patches live. */
export function summariseExecution(execution: ExecutionDto): ExecutionSummary {
  return { ...execution, stages: execution.stages.map(({ context: _c, outputs: _o, tasks: _t, ...rest }) => rest) };
}
