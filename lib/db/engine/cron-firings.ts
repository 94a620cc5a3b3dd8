import 'server-only';
import type { Tx } from '../pool';

/** Claims one cron fire time; false if another worker already started it. */
export async function claimCronFiring(tx: Tx, pipelineId: string, triggerKey: string, fireAt: Date, executionId: string): Promise<boolean> {
  const { rowCount } = await tx.query('INSERT INTO cron_firings (pipeline_id, trigger_key, fire_at, execution_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [pipelineId, triggerKey, fireAt, executionId]);
  return rowCount === 1;
}
