import 'server-only';
import type { Tx } from '../pool';

export interface TriggerCandidate {
  pipelineId: string;
  application: string;
  name: string;
  triggers: Record<string, unknown>[];
}

/** Pipelines (enabled) having at least one trigger of this type. */
export async function pipelinesWithTrigger(tx: Tx, type: string): Promise<TriggerCandidate[]> {
  const { rows } = await tx.query<{ id: string; application: string; name: string; triggers: unknown }>(
    "SELECT id, application, name, config->'triggers' AS triggers FROM pipelines WHERE NOT disabled AND config->'triggers' @> $1::jsonb",
    [JSON.stringify([{ type }])],
  );
  return rows.map((r) => ({ pipelineId: r.id, application: r.application, name: r.name, triggers: Array.isArray(r.triggers) ? (r.triggers as Record<string, unknown>[]) : [] }));
}

/** Whether any enabled pipeline has a pipeline trigger on this upstream pipeline config. */
export async function hasPipelineTriggerOn(tx: Tx, upstreamPipelineId: string): Promise<boolean> {
  const { rows } = await tx.query<{ found: boolean }>("SELECT EXISTS (SELECT 1 FROM pipelines WHERE NOT disabled AND config->'triggers' @> $1::jsonb) AS found", [JSON.stringify([{ type: 'pipeline', pipeline: upstreamPipelineId }])]);
  return rows[0]?.found === true;
}
