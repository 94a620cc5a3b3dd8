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

/** Where a manual judgment stage names the roles that may judge it: Deck's `selectedStageRoles`, Orca's older `requiredJudgmentRoles`. */
export const judgmentRoleKeys = ['selectedStageRoles', 'requiredJudgmentRoles'] as const;

/** The roles that may judge this stage (empty: anyone with EXECUTE); the first key that is set wins. */
export function judgmentRoles(context: Record<string, unknown>): string[] {
  const key = judgmentRoleKeys.find((k) => context[k] !== undefined && context[k] !== null);
  const roles = key ? context[key] : undefined;
  return Array.isArray(roles) ? roles.map((r) => (typeof r === 'object' && r !== null && 'value' in r ? String(r.value) : String(r))).filter((r) => r.trim() !== '') : [];
}

export type AwaitingJudgment = z.infer<typeof awaitingJudgmentSchema>;
export type MyJudgments = z.infer<typeof myJudgmentsSchema>;
