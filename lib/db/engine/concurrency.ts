import 'server-only';
import type { Tx } from '../pool';

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
