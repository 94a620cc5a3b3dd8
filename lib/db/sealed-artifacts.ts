import 'server-only';
import { randomUUID } from 'node:crypto';
import { getPool } from './pool';

/**
 * The real content of artifacts whose stored and shown copy is redacted (a bake that rendered a
 * Secret). Only stages read it back, through StageServices; no API answer or page reads this table.
 * Rows go with their execution (ON DELETE CASCADE).
 */
export async function sealArtifactContent(input: { executionId: string; application: string; content: string }): Promise<string> {
  const id = randomUUID();
  await getPool().query('INSERT INTO sealed_artifacts (id, execution_id, application, content) VALUES ($1, $2, $3, $4)', [id, input.executionId, input.application, input.content]);
  return id;
}

export async function readSealedArtifact(id: string): Promise<{ application: string; executionId: string; content: string } | undefined> {
  const { rows } = await getPool().query('SELECT application, execution_id, content FROM sealed_artifacts WHERE id = $1', [id]);
  const row = rows[0] as { application: string; execution_id: string; content: string } | undefined;
  return row ? { application: row.application, executionId: row.execution_id, content: row.content } : undefined;
}
