import 'server-only';
import { getDb } from './client';

export interface WorkerIdentity {
  workerId: string;
  hostname: string;
  pid: number;
  startedAt: Date;
  /** graphile-worker's own ids for this process's job workers. */
  jobWorkerIds: string[];
}

export async function recordWorkerHeartbeat(worker: WorkerIdentity): Promise<void> {
  const lastSeenAt = new Date();
  await getDb().workerHeartbeat.upsert({
    where: { workerId: worker.workerId },
    create: { ...worker, lastSeenAt },
    update: { lastSeenAt, jobWorkerIds: worker.jobWorkerIds },
  });
}

export async function removeWorkerHeartbeat(workerId: string): Promise<void> {
  await getDb().workerHeartbeat.deleteMany({ where: { workerId } });
}

/** Rows of workers that vanished without saying goodbye (SIGKILL), older than the given age. */
export async function pruneWorkerHeartbeats(olderThanSeconds: number): Promise<number> {
  const { count } = await getDb().workerHeartbeat.deleteMany({ where: { lastSeenAt: { lt: new Date(Date.now() - olderThanSeconds * 1000) } } });
  return count;
}
