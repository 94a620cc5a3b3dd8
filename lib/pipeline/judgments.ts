import { z } from 'zod';

/** A manual judgment waiting for the signed-in user (GET /api/v1/me/judgments). */
export const awaitingJudgmentSchema = z.object({
  application: z.string(),
  executionId: z.string(),
  executionName: z.string(),
  pipelineConfigId: z.string().nullable(),
  stageId: z.string(),
  stageName: z.string(),
  /** When the stage started waiting, ms since the epoch. */
  waitingSince: z.number(),
  instructions: z.string().optional(),
});

export const myJudgmentsSchema = z.object({
  /** All judgments waiting for the user; `items` holds at most the newest 50. */
  count: z.number().int(),
  items: z.array(awaitingJudgmentSchema),
});

export type AwaitingJudgment = z.infer<typeof awaitingJudgmentSchema>;
export type MyJudgments = z.infer<typeof myJudgmentsSchema>;
