import 'server-only';
import { maskSecretKeys } from '../pipeline/secrets';
import { applicationIdsByName } from './applications';
import { getDb } from './client';
import { Prisma } from './generated/client.ts';

export type AuditOutcome = 'success' | 'denied' | 'refused' | 'failed';

export interface AuditInput {
  actor: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  application?: string | null;
  sourceIp?: string | null;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
}

export interface AuditEventDto {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  application: string | null;
  sourceIp: string | null;
  outcome: string;
  details: unknown;
}

/**
 * Append-only: there is no update or delete of audit rows anywhere in Foresail. Details never keep
 * a secret (a credential-named value is masked on the way in, and again on the way out for rows
 * written before that rule).
 */
export async function recordAudit(event: AuditInput): Promise<void> {
  const applicationId = event.application ? ((await applicationIdsByName([event.application])).get(event.application) ?? null) : null;
  await getDb().auditEvent.create({
    data: { ...event, targetId: event.targetId ?? null, application: event.application ?? null, applicationId, sourceIp: event.sourceIp ?? null, details: maskSecretKeys(event.details ?? {}) as Prisma.InputJsonValue },
  });
}

export interface AuditQuery {
  actor?: string;
  /** Prefix match, so `application.` finds every application action. */
  action?: string;
  application?: string;
  from?: Date;
  to?: Date;
  /** Only events about these applications (as they exist now, by id), or by this actor (non-admin viewers). */
  visibleTo?: { applications: string[]; actor: string };
  /** Id of the last row of the previous page (rows are newest first). */
  before?: bigint;
  take: number;
}

export async function listAudit(query: AuditQuery): Promise<{ events: AuditEventDto[]; nextCursor: string | null }> {
  const visibleIds = query.visibleTo ? [...(await applicationIdsByName(query.visibleTo.applications)).values()] : [];
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      query.actor ? { actor: query.actor } : {},
      query.action ? { action: { startsWith: query.action } } : {},
      query.application ? { application: query.application } : {},
      query.from || query.to ? { at: { gte: query.from, lte: query.to } } : {},
      query.before !== undefined ? { id: { lt: query.before } } : {},
      query.visibleTo ? { OR: [{ applicationId: { in: visibleIds } }, { actor: query.visibleTo.actor }] } : {},
    ],
  };
  const rows = await getDb().auditEvent.findMany({ where, orderBy: { id: 'desc' }, take: query.take + 1 });
  const page = rows.slice(0, query.take);
  const last = page[page.length - 1];
  return {
    events: page.map(({ applicationId: _id, ...row }) => ({ ...row, id: row.id.toString(), at: row.at.toISOString(), details: maskSecretKeys(row.details) })),
    nextCursor: rows.length > query.take && last ? last.id.toString() : null,
  };
}
