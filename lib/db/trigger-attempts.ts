import 'server-only';
import { applicationIdsByName } from './applications';
import { getDb } from './client';
import type { Prisma } from './generated/client.ts';

/**
 * Why each trigger event did or did not start an execution. Webhook routes and the cron task record
 * what never reached the engine (ignored near misses, refused signatures); startExecution records
 * its own outcomes (started, queued, duplicate, refused). Append-only.
 */
export type TriggerAttemptOutcome = 'started' | 'queued' | 'duplicate' | 'refused' | 'ignored' | 'failed';

export interface TriggerAttemptInput {
  /** github, docker, webhook, cron, pipeline, manual, api, gate (StartRequest's TriggerSource). */
  source: string;
  application?: string | null;
  pipelineId?: string | null;
  deliveryId?: string | null;
  outcome: TriggerAttemptOutcome;
  reason: string;
  executionId?: string | null;
  details?: Record<string, unknown>;
}

export interface TriggerAttemptDto {
  id: string;
  at: string;
  source: string;
  application: string | null;
  pipelineId: string | null;
  deliveryId: string | null;
  outcome: string;
  reason: string;
  executionId: string | null;
  details: unknown;
}

/** Reasons quote sender-controlled text (branch names, payload values); keep rows bounded. */
const MAX_REASON = 2_000;

const toRow = (input: TriggerAttemptInput, ids: Map<string, string>): Prisma.TriggerAttemptCreateManyInput => ({
  source: input.source,
  application: input.application ?? null,
  applicationId: (input.application && ids.get(input.application)) || null,
  pipelineId: input.pipelineId ?? null,
  deliveryId: input.deliveryId ?? null,
  outcome: input.outcome,
  reason: input.reason.length > MAX_REASON ? `${input.reason.slice(0, MAX_REASON - 1)}…` : input.reason,
  executionId: input.executionId ?? null,
  details: (input.details ?? {}) as Prisma.InputJsonValue,
});

/** Attempts keep their application's id: a later application with the same name does not see them. */
const idsOf = (inputs: readonly TriggerAttemptInput[]) => applicationIdsByName(inputs.flatMap((i) => (i.application ? [i.application] : [])));

export async function recordTriggerAttempt(input: TriggerAttemptInput): Promise<void> {
  await getDb().triggerAttempt.create({ data: toRow(input, await idsOf([input])) });
}

/**
 * Rows kept: the newest ones. Anonymous webhook senders add rows (rate-limited per sender, see
 * lib/triggers/rate-limit), so without a cap the table would grow as long as someone sends.
 */
export const MAX_TRIGGER_ATTEMPTS = 100_000;

export async function recordTriggerAttempts(inputs: readonly TriggerAttemptInput[], keep = MAX_TRIGGER_ATTEMPTS): Promise<void> {
  if (inputs.length === 0) return;
  const ids = await idsOf(inputs);
  await getDb().triggerAttempt.createMany({ data: inputs.map((input) => toRow(input, ids)) });
  // Ids only grow, so "older than the newest `keep`" is one range on the primary key (cheap when nothing is due).
  await getDb().$executeRaw`DELETE FROM trigger_attempts WHERE id <= (SELECT max(id) FROM trigger_attempts) - ${keep}`;
}

export interface TriggerAttemptQuery {
  application?: string;
  pipelineId?: string;
  source?: string;
  /** Only attempts of these applications as they exist now (non-admin readers); undefined means all. */
  visibleApplications?: readonly string[];
  /** Id of the last row of the previous page (rows are newest first). */
  before?: bigint;
  limit: number;
}

export async function listTriggerAttempts(query: TriggerAttemptQuery): Promise<{ attempts: TriggerAttemptDto[]; nextCursor: string | null }> {
  const visibleIds = query.visibleApplications ? [...(await applicationIdsByName(query.visibleApplications)).values()] : [];
  const where: Prisma.TriggerAttemptWhereInput = {
    AND: [
      query.application ? { application: query.application } : {},
      query.pipelineId ? { pipelineId: query.pipelineId } : {},
      query.source ? { source: query.source } : {},
      query.before !== undefined ? { id: { lt: query.before } } : {},
      query.visibleApplications ? { applicationId: { in: visibleIds } } : {},
    ],
  };
  const rows = await getDb().triggerAttempt.findMany({ where, orderBy: { id: 'desc' }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    attempts: page.map(({ applicationId: _id, ...row }) => ({ ...row, id: row.id.toString(), at: row.at.toISOString() })),
    nextCursor: rows.length > query.limit && last ? last.id.toString() : null,
  };
}
