import 'server-only';
import type { Tx } from '../pool';
import { toExecution, toStage, type ExecutionRow, type StageRow } from './rows';

/**
 * The engine's queries. Every state change happens inside withTransaction() with the execution row
 * locked (lockExecution), so jobs of one execution serialise on that lock instead of on a
 * graphile-worker queue (queue hand-offs cost ~1 s each; row locks a few milliseconds).
 */

export async function lockExecution(tx: Tx, id: string): Promise<ExecutionRow | undefined> {
  const { rows } = await tx.query('SELECT * FROM executions WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ? toExecution(rows[0]) : undefined;
}

export async function readExecution(tx: Tx, id: string): Promise<ExecutionRow | undefined> {
  const { rows } = await tx.query('SELECT * FROM executions WHERE id = $1', [id]);
  return rows[0] ? toExecution(rows[0]) : undefined;
}

export async function readStages(tx: Tx, executionId: string): Promise<StageRow[]> {
  const { rows } = await tx.query('SELECT * FROM stage_executions WHERE execution_id = $1 ORDER BY position, ref_id', [executionId]);
  return rows.map(toStage);
}

const executionColumns = {
  status: 'status',
  startTime: 'start_time',
  endTime: 'end_time',
  canceled: 'canceled',
  canceledBy: 'canceled_by',
  cancellationReason: 'cancellation_reason',
  paused: 'paused',
  trigger: 'trigger',
} as const;

const stageColumns = {
  status: 'status',
  context: 'context',
  outputs: 'outputs',
  tasks: 'tasks',
  state: 'state',
  attempt: 'attempt',
  waiting: 'waiting',
  startTime: 'start_time',
  endTime: 'end_time',
  lastModified: 'last_modified',
} as const;

const jsonColumns = new Set(['paused', 'trigger', 'context', 'outputs', 'tasks', 'state', 'last_modified']);

function setClause(patch: Record<string, unknown>, columns: Record<string, string>, startAt: number): { sql: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const column = columns[key];
    if (!column || value === undefined) continue;
    values.push(jsonColumns.has(column) && value !== null ? JSON.stringify(value) : value);
    parts.push(`${column} = $${startAt + values.length}`);
  }
  return { sql: parts.join(', '), values };
}

export type ExecutionPatch = Partial<Pick<ExecutionRow, keyof typeof executionColumns>>;
export type StagePatch = Partial<Pick<StageRow, keyof typeof stageColumns>>;

export async function updateExecution(tx: Tx, id: string, patch: ExecutionPatch): Promise<void> {
  const { sql, values } = setClause(patch, executionColumns, 1);
  const set = sql ? `${sql}, ` : '';
  await tx.query(`UPDATE executions SET ${set}last_progress_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id, ...values]);
}

export async function updateStage(tx: Tx, id: string, patch: StagePatch): Promise<void> {
  const { sql, values } = setClause(patch, stageColumns, 1);
  if (!sql) return;
  await tx.query(`UPDATE stage_executions SET ${sql}, version = version + 1 WHERE id = $1`, [id, ...values]);
}

/** Marks progress without other changes (a stage polled and is still running). */
export async function touchExecution(tx: Tx, id: string): Promise<void> {
  await tx.query('UPDATE executions SET last_progress_at = now() WHERE id = $1', [id]);
}

export interface NewStage {
  id: string;
  refId: string;
  type: string;
  name: string;
  requisiteStageRefIds: string[];
  parentStageId: string | null;
  syntheticStageOwner: string | null;
  position: number;
  context: Record<string, unknown>;
}

export async function insertStages(tx: Tx, executionId: string, stages: NewStage[]): Promise<void> {
  if (stages.length === 0) return;
  const values: unknown[] = [];
  const tuples = stages.map((s) => {
    values.push(s.id, executionId, s.refId, s.type, s.name, s.requisiteStageRefIds, s.parentStageId, s.syntheticStageOwner, s.position, JSON.stringify(s.context));
    const n = values.length;
    return `($${n - 9}, $${n - 8}, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}::text[], $${n - 3}, $${n - 2}, $${n - 1}, $${n}::jsonb)`;
  });
  await tx.query(
    `INSERT INTO stage_executions (id, execution_id, ref_id, type, name, requisite_stage_ref_ids, parent_stage_id, synthetic_stage_owner, position, context) VALUES ${tuples.join(', ')}`,
    values,
  );
}

export async function deleteStages(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length > 0) await tx.query('DELETE FROM stage_executions WHERE id = ANY($1::text[])', [ids]);
}

export interface NewExecution {
  id: string;
  application: string;
  pipelineId: string | null;
  pipelineName: string;
  status: string;
  trigger: Record<string, unknown>;
  config: Record<string, unknown>;
  triggerType: string;
  triggerUser: string | null;
  authentication: { user: string | null; roles: string[] };
  parentExecutionId: string | null;
  parentStageId: string | null;
}

export async function insertExecution(tx: Tx, e: NewExecution): Promise<void> {
  await tx.query(
    `INSERT INTO executions (id, application, pipeline_id, pipeline_name, status, trigger, config, trigger_type, trigger_user, authentication, parent_execution_id, parent_stage_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10::jsonb, $11, $12, now())`,
    [e.id, e.application, e.pipelineId, e.pipelineName, e.status, JSON.stringify(e.trigger), JSON.stringify(e.config), e.triggerType, e.triggerUser, JSON.stringify(e.authentication), e.parentExecutionId, e.parentStageId],
  );
}

export interface JobOptions {
  runAt?: Date;
  /** One pending job per key: adding again replaces the pending one (graphile-worker job_key). */
  jobKey?: string;
  maxAttempts?: number;
}

/** Queues a graphile-worker job in this transaction: it exists if and only if the transaction commits. */
export async function enqueue(tx: Tx, task: string, payload: Record<string, unknown>, options: JobOptions = {}): Promise<void> {
  await tx.query('SELECT graphile_worker.add_job($1::text, $2::json, run_at => $3::timestamptz, job_key => $4::text, max_attempts => $5::int)', [
    task,
    JSON.stringify(payload),
    options.runAt ?? null,
    options.jobKey ?? null,
    options.maxAttempts ?? 10,
  ]);
}

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

/** updateStage and emitEvent in one round trip. */
export async function updateStageWithEvent(tx: Tx, id: string, patch: StagePatch, event: EngineEvent): Promise<void> {
  const { sql, values } = setClause(patch, stageColumns, 1);
  const set = sql ? `${sql}, ` : '';
  const first = 2 + values.length;
  await tx.query(`WITH upd AS (UPDATE stage_executions SET ${set}version = version + 1 WHERE id = $1 RETURNING 1), ${eventStatement('upd', first)}`, [id, ...values, ...eventValues(event)]);
}

/** updateExecution and emitEvent in one round trip. */
export async function updateExecutionWithEvent(tx: Tx, id: string, patch: ExecutionPatch, event: EngineEvent): Promise<void> {
  const { sql, values } = setClause(patch, executionColumns, 1);
  const set = sql ? `${sql}, ` : '';
  const first = 2 + values.length;
  await tx.query(`WITH upd AS (UPDATE executions SET ${set}last_progress_at = now(), version = version + 1, updated_at = now() WHERE id = $1 RETURNING 1), ${eventStatement('upd', first)}`, [id, ...values, ...eventValues(event)]);
}

/** Pipeline names → ids of an application, for `#pipelineId('name')`. */
export async function pipelineIdsByName(tx: Tx, application: string): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ id: string; name: string }>('SELECT id, name FROM pipelines WHERE application = $1', [application]);
  return new Map(rows.map((r) => [r.name, r.id]));
}

/**
 * Serialises concurrency decisions for one pipeline (limitConcurrent, maxConcurrentExecutions) for
 * the rest of the transaction.
 */
export async function lockPipelineQueue(tx: Tx, pipelineId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('pipeline-queue:' || $1))", [pipelineId]);
}

/**
 * Executions of the pipeline ahead of `id` in line: running or paused ones, and older ones not started
 * yet (their start job may simply not have run). Counting the older ones keeps runs in trigger order —
 * without them, two quick triggers race and the second may start first.
 */
export async function countAhead(tx: Tx, pipelineId: string, id: string): Promise<number> {
  const { rows } = await tx.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM executions e, (SELECT created_at, id FROM executions WHERE id = $2) me
      WHERE e.pipeline_id = $1 AND e.id <> $2
        AND (e.status IN ('RUNNING', 'PAUSED') OR (e.status = 'NOT_STARTED' AND NOT e.canceled AND (e.created_at, e.id) < (me.created_at, me.id)))`,
    [pipelineId, id],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Executions waiting behind a concurrency limit (NOT_STARTED and not canceled), oldest first. */
export async function queuedExecutions(tx: Tx, pipelineId: string): Promise<{ id: string }[]> {
  const { rows } = await tx.query<{ id: string }>("SELECT id FROM executions WHERE pipeline_id = $1 AND status = 'NOT_STARTED' AND NOT canceled ORDER BY created_at, id", [pipelineId]);
  return rows;
}

export interface NewTriggerAttempt {
  source: string;
  application: string | null;
  pipelineId: string | null;
  deliveryId: string | null;
  outcome: string;
  reason: string;
  executionId: string | null;
  details?: Record<string, unknown>;
}

/** The trigger log row, written in the same transaction as the execution it may have started. */
export async function insertTriggerAttempt(tx: Tx, a: NewTriggerAttempt): Promise<void> {
  await tx.query(
    'INSERT INTO trigger_attempts (source, application, pipeline_id, delivery_id, outcome, reason, execution_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)',
    [a.source, a.application, a.pipelineId, a.deliveryId, a.outcome, a.reason, a.executionId, JSON.stringify(a.details ?? {})],
  );
}

export interface PipelineForRun {
  id: string;
  application: string;
  name: string;
  config: Record<string, unknown>;
  disabled: boolean;
}

export async function readPipelineForRun(tx: Tx, id: string): Promise<PipelineForRun | undefined> {
  const { rows } = await tx.query<PipelineForRun>('SELECT id, application, name, config, disabled FROM pipelines WHERE id = $1 FOR SHARE', [id]);
  return rows[0];
}

/** Claims a webhook delivery id; false if it was already handled (a duplicate delivery). */
export async function claimDelivery(tx: Tx, source: string, deliveryId: string): Promise<boolean> {
  const { rowCount } = await tx.query('INSERT INTO webhook_deliveries (source, delivery_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [source, deliveryId]);
  return rowCount === 1;
}

/** How long a signed body's hash is kept: a body sent again under another delivery id within it is a replay. */
export const SIGNED_BODY_WINDOW_HOURS = 24;

/**
 * Claims a signed webhook body for a delivery. Answers undefined when this delivery may use it (new
 * body, its own delivery id again, or last accepted over 24 h ago), else the delivery that did.
 * The upsert decides (two concurrent replays cannot both win); the read after it is a separate
 * statement so it sees a row another transaction committed while the upsert waited for it.
 */
export async function claimSignedBody(tx: Tx, source: string, bodyHash: string, deliveryId: string): Promise<{ deliveryId: string; at: string } | undefined> {
  await tx.query('DELETE FROM webhook_body_hashes WHERE received_at < now() - make_interval(hours => $1)', [SIGNED_BODY_WINDOW_HOURS]);
  const claimed = await tx.query(
    `INSERT INTO webhook_body_hashes (source, body_hash, delivery_id) VALUES ($1, $2, $3)
     ON CONFLICT (source, body_hash) DO UPDATE SET delivery_id = EXCLUDED.delivery_id, received_at = now()
       WHERE webhook_body_hashes.received_at < now() - make_interval(hours => $4)
     RETURNING 1`,
    [source, bodyHash, deliveryId, SIGNED_BODY_WINDOW_HOURS],
  );
  if (claimed.rowCount === 1) return undefined;
  const { rows } = await tx.query<{ delivery_id: string; at: string }>(
    `SELECT delivery_id, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at FROM webhook_body_hashes WHERE source = $1 AND body_hash = $2`,
    [source, bodyHash],
  );
  const earlier = rows[0];
  return earlier && earlier.delivery_id !== deliveryId ? { deliveryId: earlier.delivery_id, at: earlier.at } : undefined;
}

/** Claims one cron fire time; false if another worker already started it. */
export async function claimCronFiring(tx: Tx, pipelineId: string, triggerKey: string, fireAt: Date, executionId: string): Promise<boolean> {
  const { rowCount } = await tx.query('INSERT INTO cron_firings (pipeline_id, trigger_key, fire_at, execution_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [pipelineId, triggerKey, fireAt, executionId]);
  return rowCount === 1;
}

/** The bound artifacts of the pipeline's latest execution (for usePriorArtifact). */
export async function priorArtifacts(tx: Tx, pipelineId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await tx.query<{ trigger: Record<string, unknown> }>('SELECT trigger FROM executions WHERE pipeline_id = $1 ORDER BY created_at DESC LIMIT 1', [pipelineId]);
  const resolved = rows[0]?.trigger.resolvedExpectedArtifacts;
  return Array.isArray(resolved) ? (resolved as Record<string, unknown>[]) : [];
}
