import 'server-only';
import type { Tx } from '../pool';
import { executionSet, stageSet, type ExecutionPatch, type StagePatch } from './patches';

/** The execution event log and its NOTIFY channel, which browsers follow executions through. */

export interface EngineEvent {
  application: string;
  executionId: string;
  stageId?: string | null;
  kind: string;
  payload: Record<string, unknown>;
}

export const eventsChannel = 'foresail_events';

/**
 * SQL that inserts an event (from the rows of `source`) and notifies listeners at commit (NOTIFY is
 * transactional), in one statement: one round trip per state change is what the engine's speed
 * rests on. The notification carries the event itself (payload keys last, as they override), so
 * browsers hear of it within milliseconds; one over NOTIFY's 8000-byte limit carries only its id.
 * The event keeps its application's id (replays follow ids, so a later application with the same
 * name does not inherit it); the lookup is a unique-index probe inside the same statement.
 * Parameters from $first: application, execution id, stage id, kind, payload, channel.
 */
function eventStatement(source: string, first: number): string {
  const [app, execution, stage, kind, payload, channel] = [0, 1, 2, 3, 4, 5].map((i) => `$${first + i}`);
  return `ev AS (
      INSERT INTO execution_events (application, application_id, execution_id, stage_id, kind, payload)
      SELECT ${app}::text, (SELECT id FROM applications WHERE name = ${app}::text), ${execution}::text, ${stage}::text, ${kind}::text, ${payload}::jsonb FROM ${source} RETURNING id, at
    ), msg AS (
      SELECT id, (jsonb_build_object('id', id::text, 'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'application', ${app}::text, 'executionId', ${execution}::text, 'stageId', ${stage}::text, 'kind', ${kind}::text) || ${payload}::jsonb)::text AS body FROM ev
    )
    SELECT pg_notify(${channel}::text, CASE WHEN length(body) < 7900 THEN body ELSE jsonb_build_object('id', id::text, 'application', ${app}::text, 'executionId', ${execution}::text, 'kind', ${kind}::text, 'truncated', true)::text END) FROM msg`;
}

const eventValues = (event: EngineEvent): unknown[] => [event.application, event.executionId, event.stageId ?? null, event.kind, JSON.stringify(event.payload), eventsChannel];

/** Records an event and notifies listeners at commit. */
export async function emitEvent(tx: Tx, event: EngineEvent): Promise<void> {
  await tx.query(`WITH one AS (SELECT 1), ${eventStatement('one', 1)}`, eventValues(event));
}

/** A stage update and its event in one round trip. */
export async function updateStageWithEvent(tx: Tx, id: string, patch: StagePatch, event: EngineEvent): Promise<void> {
  const { sql, values } = stageSet(patch, 1);
  const set = sql ? `${sql}, ` : '';
  const first = 2 + values.length;
  await tx.query(`WITH upd AS (UPDATE stage_executions SET ${set}version = version + 1 WHERE id = $1 RETURNING 1), ${eventStatement('upd', first)}`, [id, ...values, ...eventValues(event)]);
}

/** An execution update (with its progress mark) and its event in one round trip. */
export async function updateExecutionWithEvent(tx: Tx, id: string, patch: ExecutionPatch, event: EngineEvent): Promise<void> {
  const { sql, values } = executionSet(patch, 1);
  const set = sql ? `${sql}, ` : '';
  const first = 2 + values.length;
  await tx.query(`WITH upd AS (UPDATE executions SET ${set}last_progress_at = now(), version = version + 1, updated_at = now() WHERE id = $1 RETURNING 1), ${eventStatement('upd', first)}`, [id, ...values, ...eventValues(event)]);
}
