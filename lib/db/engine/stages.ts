import 'server-only';
import type { Tx } from '../pool';
import { stageSet, type StagePatch } from './patches';
import { toStage, type StageRow } from './rows';

/** Stage rows of executions, in run order (position, then refId). */

export async function readStages(tx: Tx, executionId: string): Promise<StageRow[]> {
  const { rows } = await tx.query('SELECT * FROM stage_executions WHERE execution_id = $1 ORDER BY position, ref_id', [executionId]);
  return rows.map(toStage);
}

/** A stage's current attempt (a restart increments it); undefined if the stage is gone. */
export async function stageAttempt(tx: Tx, id: string): Promise<number | undefined> {
  const { rows } = await tx.query<{ attempt: number }>('SELECT attempt FROM stage_executions WHERE id = $1', [id]);
  return rows[0]?.attempt;
}

export async function updateStage(tx: Tx, id: string, patch: StagePatch): Promise<void> {
  const { sql, values } = stageSet(patch, 1);
  if (!sql) return;
  await tx.query(`UPDATE stage_executions SET ${sql}, version = version + 1 WHERE id = $1`, [id, ...values]);
}

/** A stage as inserted: it starts NOT_STARTED with no outputs; the engine sets the rest as it runs. */
export type NewStage = Pick<StageRow, 'id' | 'refId' | 'type' | 'name' | 'requisiteStageRefIds' | 'parentStageId' | 'syntheticStageOwner' | 'position' | 'context'>;

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
