import 'server-only';
import type { Tx } from '../pool';

export interface JobOptions {
  runAt?: Date;
  /** One pending job per key: adding again replaces the pending one (graphile-worker job_key). */
  jobKey?: string;
  maxAttempts?: number;
}

/** Queues a graphile-worker job in this transaction: it exists if and only if the transaction commits. */
export async function enqueue(tx: Tx, task: string, payload: Record<string, unknown>, options: JobOptions = {}): Promise<void> {
  await tx.query('SELECT graphile_worker.add_job($1::text, $2::json, run_at => $3::timestamptz, job_key => $4::text, max_attempts => $5::int)', [
    task,
    JSON.stringify(payload),
    options.runAt ?? null,
    options.jobKey ?? null,
    options.maxAttempts ?? 10,
  ]);
}
