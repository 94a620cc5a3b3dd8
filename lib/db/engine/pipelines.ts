import 'server-only';
import type { Tx } from '../pool';

/** Pipelines as the engine reads them when it starts a run or evaluates `#pipelineId('name')`. */

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

/** Pipeline names → ids of an application, for `#pipelineId('name')`. */
export async function pipelineIdsByName(tx: Tx, application: string): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ id: string; name: string }>('SELECT id, name FROM pipelines WHERE application = $1', [application]);
  return new Map(rows.map((r) => [r.name, r.id]));
}
