import 'server-only';
import type { LiveEvent } from './event-listener';
import { getPool } from './pool';

/**
 * Events after `afterId` (a reconnecting stream's Last-Event-ID), for the given applications (as
 * they exist now: events of a deleted application with the same name are not theirs) or one execution.
 */
export async function eventsAfter(afterId: bigint, filter: { applications: string[]; executionId?: string }, limit = 1000): Promise<LiveEvent[]> {
  const params: unknown[] = [afterId.toString(), filter.applications, limit];
  const byExecution = filter.executionId ? ' AND execution_id = $4' : '';
  if (filter.executionId) params.push(filter.executionId);
  const { rows } = await getPool().query<{ id: string; at: Date; application: string; execution_id: string; stage_id: string | null; kind: string; payload: Record<string, unknown> }>(
    `SELECT id, at, application, execution_id, stage_id, kind, payload FROM execution_events WHERE id > $1::bigint AND application_id IN (SELECT id FROM applications WHERE name = ANY($2::text[]))${byExecution} ORDER BY id LIMIT $3`,
    params,
  );
  return rows.map((r) => ({ ...r.payload, id: String(r.id), at: r.at.toISOString(), application: r.application, executionId: r.execution_id, stageId: r.stage_id, kind: r.kind }));
}

/** The newest event id (a fresh stream starts after it). */
export async function latestEventId(): Promise<bigint> {
  const { rows } = await getPool().query<{ id: string | null }>('SELECT max(id)::text AS id FROM execution_events');
  return BigInt(rows[0]?.id ?? '0');
}
