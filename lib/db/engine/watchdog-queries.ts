import 'server-only';
import type { Tx } from '../pool';

export interface HeartbeatRow {
  workerId: string;
  hostname: string;
  pid: number;
  jobWorkerIds: string[];
  lastSeenAt: Date;
}

/** Only one worker at a time runs a watchdog pass: false if another holds the lock (until its transaction ends). */
export async function tryWatchdogLock(tx: Tx): Promise<boolean> {
  const { rows } = await tx.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock(hashtext('foresail-watchdog')) AS ok");
  return rows[0]?.ok === true;
}

export async function heartbeats(tx: Tx): Promise<HeartbeatRow[]> {
  const { rows } = await tx.query<{ worker_id: string; hostname: string; pid: number; job_worker_ids: string[]; last_seen_at: Date }>('SELECT worker_id, hostname, pid, job_worker_ids, last_seen_at FROM worker_heartbeats');
  return rows.map((r) => ({ workerId: r.worker_id, hostname: r.hostname, pid: r.pid, jobWorkerIds: r.job_worker_ids, lastSeenAt: r.last_seen_at }));
}

/** Releases the jobs a dead worker held, so another worker picks them up at once (graphile-worker would wait 4 h). */
export async function releaseDeadWorker(tx: Tx, row: HeartbeatRow): Promise<void> {
  if (row.jobWorkerIds.length > 0) await tx.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [row.jobWorkerIds]);
  await tx.query('DELETE FROM worker_heartbeats WHERE worker_id = $1', [row.workerId]);
}

/**
 * Releases jobs locked by a graphile worker id that no heartbeat lists: a worker process killed
 * before its first heartbeat named its job workers. Live workers list theirs within one
 * heartbeat, so a lock older than `olderThanMs` (several heartbeats) by an unknown id is an orphan.
 */
export async function releaseOrphanedLocks(tx: Tx, olderThanMs: number): Promise<string[]> {
  const { rows } = await tx.query<{ locked_by: string }>(
    `SELECT DISTINCT j.locked_by FROM graphile_worker._private_jobs j
      WHERE j.locked_by IS NOT NULL AND j.locked_at < now() - ($1::int * interval '1 millisecond')
        AND NOT EXISTS (SELECT 1 FROM worker_heartbeats h WHERE j.locked_by = ANY(h.job_worker_ids))`,
    [olderThanMs],
  );
  const ids = rows.map((r) => r.locked_by);
  if (ids.length > 0) await tx.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [ids]);
  return ids;
}

/**
 * RUNNING executions that have not moved for a while, have no healthy job pending and no stage
 * waiting on a person. A job that failed (and so waits out graphile-worker's exponential retry
 * delay, minutes after a few failures) or gave up does not count as pending: re-driving creates
 * fresh jobs, and every engine job is idempotent.
 */
export async function stalledExecutions(tx: Tx, quietForMs: number): Promise<{ id: string; lastProgressAt: Date }[]> {
  const { rows } = await tx.query<{ id: string; last_progress_at: Date }>(
    `SELECT e.id, e.last_progress_at FROM executions e
      WHERE e.status = 'RUNNING' AND e.last_progress_at < now() - ($1::int * interval '1 millisecond')
        AND NOT EXISTS (SELECT 1 FROM stage_executions s WHERE s.execution_id = e.id AND s.waiting AND s.status = 'RUNNING')
        AND NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs j WHERE j.payload->>'executionId' = e.id
                          AND j.attempts < j.max_attempts AND (j.last_error IS NULL OR j.run_at < now() + interval '30 seconds'))
      LIMIT 100`,
    [quietForMs],
  );
  return rows.map((r) => ({ id: r.id, lastProgressAt: r.last_progress_at }));
}

export async function pruneEvents(tx: Tx, olderThanDays: number): Promise<void> {
  await tx.query("DELETE FROM execution_events WHERE at < now() - ($1::int * interval '1 day')", [olderThanDays]);
}
