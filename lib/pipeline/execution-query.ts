import { z } from 'zod';
import { executionStatuses } from './status';

const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** GET /api/v1/executions query (also documents the endpoint in the OpenAPI document). */
export const executionQuerySchema = z.strictObject({
  application: z.string().max(40).optional(),
  /** Pipeline config ids, comma-separated. */
  pipeline: csv.optional(),
  /** Statuses, comma-separated (RUNNING,TERMINAL). */
  statuses: csv.pipe(z.array(z.enum(executionStatuses))).optional(),
  from: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  to: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  /**
   * Text search, case-insensitive, anywhere in: pipeline name, execution id, trigger user and type,
   * commit hash, branch, tag, repository, parent pipeline name and parameter values.
   */
  q: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters').optional(),
  /** Execution ids, comma-separated (at most 200): refresh just the rows a live event names. */
  id: csv.pipe(z.array(z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'must be execution ids')).min(1, 'must name at least one execution id').max(200, 'at most 200 ids')).optional(),
  /** `me`: only executions with a manual judgment waiting for the caller (EXECUTE and the stage's roles). */
  awaitingJudgment: z.literal('me', { error: 'the only value is "me"' }).optional(),
  /**
   * `summary`: rows with a stage status summary instead of stage objects (a third of the bytes; see
   * execution-list-row.ts). `full` (the default): Spinnaker's execution JSON, stages without contexts.
   */
  view: z.enum(['full', 'summary'], { error: 'must be "full" or "summary"' }).default('full'),
  cursor: z.string().regex(/^[0-9A-Z]{26}$/, 'must be a cursor from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ExecutionQuery = z.infer<typeof executionQuerySchema>;
