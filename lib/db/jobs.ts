import 'server-only';
import { getPool } from './pool';

/**
 * Asks a worker to re-read the cron triggers of every pipeline (after a save, enable/disable,
 * delete, import or restore). One pending job at a time (job key); running it again is harmless.
 */
export async function queueCronSync(): Promise<void> {
  await getPool().query("SELECT graphile_worker.add_job('cron.sync', '{}'::json, job_key => 'cron-sync')");
}
