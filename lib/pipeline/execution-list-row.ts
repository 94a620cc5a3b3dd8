import { z } from 'zod';
import { executionDtoSchema } from './execution';

/**
 * `GET /api/v1/executions?view=summary`: a list row without stage objects. The full row carries every
 * stage (id, names, times, requisites…) — about 70 % of a page's JSON — which a list of executions
 * seldom needs; this one says how far each execution got in a few numbers. Isomorphic.
 */

/** The top-level stages (synthetic children belong to their parent) counted by status. */
export const stageStatusSummarySchema = z.object({
  total: z.number().int(),
  /** Status → number of top-level stages in it; statuses no stage has are left out. */
  byStatus: z.record(z.string(), z.number().int()),
  /** The stages in progress, in run order: RUNNING, PAUSED or SUSPENDED; `waiting` while a person must act (a judgment). */
  active: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), waiting: z.boolean() })),
});

/** The full row's own fields (one definition, `executionDtoSchema`), without its stages and trigger. */
export const executionListRowSchema = executionDtoSchema
  .pick({ id: true, application: true, name: true, pipelineConfigId: true, status: true, buildTime: true, startTime: true, endTime: true, canceled: true, origin: true, parentExecutionId: true })
  .extend({
    /** Who or what started it: the trigger's type and user, and a few words ("3f9a1c2 on main"). */
    trigger: z.object({ type: z.string(), user: z.string().nullable(), text: z.string() }),
    stageSummary: stageStatusSummarySchema,
  });

export const executionListPageSchema = z.object({
  executions: z.array(executionListRowSchema),
  nextCursor: z.string().nullable(),
});

export type StageStatusSummary = z.infer<typeof stageStatusSummarySchema>;
export type ExecutionListRow = z.infer<typeof executionListRowSchema>;
export type ExecutionListPage = z.infer<typeof executionListPageSchema>;
