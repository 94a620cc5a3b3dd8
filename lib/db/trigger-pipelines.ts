import 'server-only';
import { getDb } from './client';

/**
 * Pipelines as trigger matching sees them: id, application, name, the `disabled` flag and the
 * saved config's `triggers` array (unparsed; lib/triggers parses each trigger it cares about).
 */
export interface TriggerPipelineRecord {
  id: string;
  application: string;
  name: string;
  disabled: boolean;
  triggers: unknown[];
}

const select = { id: true, application: true, name: true, disabled: true, config: true } as const;

function toRecord(row: { id: string; application: string; name: string; disabled: boolean; config: unknown }): TriggerPipelineRecord {
  const config = row.config;
  const triggers = typeof config === 'object' && config !== null && !Array.isArray(config) ? (config as { triggers?: unknown }).triggers : undefined;
  return { id: row.id, application: row.application, name: row.name, disabled: row.disabled, triggers: Array.isArray(triggers) ? triggers : [] };
}

/**
 * Pipelines with at least one trigger of `type`, disabled ones included (their near misses are
 * recorded). `config->'triggers' @> '[{"type": …}]'` selects them in PostgreSQL.
 */
export async function listPipelinesWithTriggerType(type: string): Promise<TriggerPipelineRecord[]> {
  const rows = await getDb().pipeline.findMany({
    select,
    where: { config: { path: ['triggers'], array_contains: [{ type }] } },
    orderBy: [{ application: 'asc' }, { sortIndex: 'asc' }, { name: 'asc' }],
  });
  return rows.map(toRecord);
}

export async function findTriggerPipeline(id: string): Promise<TriggerPipelineRecord | undefined> {
  const row = await getDb().pipeline.findUnique({ select, where: { id } });
  return row ? toRecord(row) : undefined;
}
