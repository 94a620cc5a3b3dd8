import 'server-only';
import type { Tx } from '../pool';
import { executionSet, type ExecutionPatch } from './patches';
import { toExecution, type ExecutionRow } from './rows';

/**
 * Execution rows as the engine reads and writes them. Every state change happens inside
 * withTransaction() with the execution row locked (lockExecution), so jobs of one execution
 * serialise on that lock instead of on a graphile-worker queue (queue hand-offs cost ~1 s each;
 * row locks a few milliseconds).
 */

export async function lockExecution(tx: Tx, id: string): Promise<ExecutionRow | undefined> {
  const { rows } = await tx.query('SELECT * FROM executions WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ? toExecution(rows[0]) : undefined;
}

export async function readExecution(tx: Tx, id: string): Promise<ExecutionRow | undefined> {
  const { rows } = await tx.query('SELECT * FROM executions WHERE id = $1', [id]);
  return rows[0] ? toExecution(rows[0]) : undefined;
}

export async function updateExecution(tx: Tx, id: string, patch: ExecutionPatch): Promise<void> {
  const { sql, values } = executionSet(patch, 1);
  const set = sql ? `${sql}, ` : '';
  await tx.query(`UPDATE executions SET ${set}last_progress_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id, ...values]);
}

/** Marks progress without other changes (a stage polled and is still running). */
export async function touchExecution(tx: Tx, id: string): Promise<void> {
  await tx.query('UPDATE executions SET last_progress_at = now() WHERE id = $1', [id]);
}

/** An execution as inserted: the engine sets the rest (times, cancellation, pause) as it runs. */
export type NewExecution = Pick<ExecutionRow, 'id' | 'application' | 'pipelineId' | 'pipelineName' | 'status' | 'trigger' | 'config' | 'triggerType' | 'triggerUser' | 'authentication' | 'parentExecutionId' | 'parentStageId'>;

export async function insertExecution(tx: Tx, e: NewExecution): Promise<void> {
  await tx.query(
    `INSERT INTO executions (id, application, pipeline_id, pipeline_name, status, trigger, config, trigger_type, trigger_user, authentication, parent_execution_id, parent_stage_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10::jsonb, $11, $12, now())`,
    [e.id, e.application, e.pipelineId, e.pipelineName, e.status, JSON.stringify(e.trigger), JSON.stringify(e.config), e.triggerType, e.triggerUser, JSON.stringify(e.authentication), e.parentExecutionId, e.parentStageId],
  );
}

/** Deletes an execution; its stages go with it (the foreign key cascades). */
export async function deleteExecutionRow(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM executions WHERE id = $1', [id]);
}

/** The child execution a `pipeline` stage started in its current attempt (started at or after `since`), if any. */
export async function childExecutionOf(tx: Tx, parentStageId: string, since: Date): Promise<{ id: string; pipelineName: string } | undefined> {
  const { rows } = await tx.query<{ id: string; pipeline_name: string }>('SELECT id, pipeline_name FROM executions WHERE parent_stage_id = $1 AND created_at >= $2 ORDER BY created_at DESC LIMIT 1', [parentStageId, since]);
  const row = rows[0];
  return row ? { id: row.id, pipelineName: row.pipeline_name } : undefined;
}

/** The bound artifacts of the pipeline's latest execution (for usePriorArtifact). */
export async function priorArtifacts(tx: Tx, pipelineId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await tx.query<{ trigger: Record<string, unknown> }>('SELECT trigger FROM executions WHERE pipeline_id = $1 ORDER BY created_at DESC LIMIT 1', [pipelineId]);
  const resolved = rows[0]?.trigger.resolvedExpectedArtifacts;
  return Array.isArray(resolved) ? (resolved as Record<string, unknown>[]) : [];
}

/**
 * The newest execution of a pipeline config in one of `statuses`, other than `excludeId` (the
 * asking execution, which would otherwise find itself while running), as Orca's
 * retrievePipelinesForPipelineConfigId sorted newest first.
 */
export async function latestExecutionOf(tx: Tx, pipelineId: string, statuses: readonly string[], excludeId: string): Promise<{ id: string; status: string; trigger: Record<string, unknown> } | undefined> {
  const { rows } = await tx.query<{ id: string; status: string; trigger: Record<string, unknown> }>(
    'SELECT id, status, trigger FROM executions WHERE pipeline_id = $1 AND status = ANY($2::text[]) AND id <> $3 ORDER BY created_at DESC, id DESC LIMIT 1',
    [pipelineId, [...statuses], excludeId],
  );
  return rows[0];
}
