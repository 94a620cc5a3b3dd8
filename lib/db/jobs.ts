import 'server-only';
import { getPool, type Tx } from './pool';

/**
 * Asks a worker to re-read the cron triggers of every pipeline (after a save, enable/disable,
 * delete, import or restore). One pending job at a time (job key); running it again is harmless.
 */
export async function queueCronSync(): Promise<void> {
  await getPool().query("SELECT graphile_worker.add_job('cron.sync', '{}'::json, job_key => 'cron-sync')");
}

export interface PendingJob {
  key: string;
  runAt: Date;
  lockedAt: Date | null;
  attempts: number;
}

/**
 * Jobs of `task` whose key starts with `keyPrefix` that may still run: permanently failed ones
 * (attempts exhausted) are left out. `q` is a job's own connection (graphile-worker's helpers) or the pool.
 */
export async function pendingJobs(q: Tx, task: string, keyPrefix: string): Promise<PendingJob[]> {
  const { rows } = await q.query<{ key: string; run_at: Date; locked_at: Date | null; attempts: number }>(
    `select key, run_at, locked_at, attempts from graphile_worker.jobs where task_identifier = $1 and key like $2 and attempts < max_attempts`,
    [task, `${keyPrefix}%`],
  );
  return rows.map((row) => ({ key: row.key, runAt: new Date(row.run_at), lockedAt: row.locked_at, attempts: row.attempts }));
}

/** Removes the pending job with this key (a running one is left to finish). */
export async function removeJob(q: Tx, key: string): Promise<void> {
  await q.query('select graphile_worker.remove_job($1)', [key]);
}
