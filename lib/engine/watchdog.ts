import 'server-only';
import os from 'node:os';
import { enqueue } from '../db/engine/jobs';
import { lockExecution } from '../db/engine/executions';
import { heartbeats, pruneEvents, releaseDeadWorker, releaseOrphanedLocks, stalledExecutions, tryWatchdogLock } from '../db/engine/watchdog-queries';
import { withTransaction } from '../db/pool';
import type { Logger } from '../log';
import { changeExecution } from './effects';
import { afterCompletion } from './jobs/after-completion';
import { jobs } from './jobs/names';

export interface WatchdogOptions {
  intervalMs: number;
  /** A worker silent for this long is dead: its job locks are released. */
  deadWorkerAfterMs: number;
  /** A RUNNING execution without jobs that has not moved for this long is re-driven… */
  redriveAfterMs: number;
  /** …and after this long without progress it fails with a reason (no zombies). */
  giveUpAfterMs: number;
  log: Logger;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One watchdog pass; only one worker at a time does it (advisory lock). */
export async function watchdogPass(options: WatchdogOptions): Promise<void> {
  await withTransaction(async (tx) => {
    if (!(await tryWatchdogLock(tx))) return;
    const host = os.hostname();
    for (const worker of await heartbeats(tx)) {
      const silent = Date.now() - worker.lastSeenAt.getTime() > options.deadWorkerAfterMs;
      const goneHere = worker.hostname === host && !isAlive(worker.pid);
      if (!silent && !goneHere) continue;
      options.log.warn({ workerId: worker.workerId, pid: worker.pid, silent, goneHere }, 'worker is gone; releasing its jobs');
      await releaseDeadWorker(tx, worker);
    }
    const orphans = await releaseOrphanedLocks(tx, options.deadWorkerAfterMs);
    if (orphans.length > 0) options.log.warn({ jobWorkerIds: orphans }, 'released jobs locked by workers no heartbeat knows');
    for (const stalled of await stalledExecutions(tx, options.redriveAfterMs)) {
      const quietMs = Date.now() - stalled.lastProgressAt.getTime();
      if (quietMs > options.giveUpAfterMs) {
        const execution = await lockExecution(tx, stalled.id);
        if (!execution || execution.status !== 'RUNNING') continue;
        options.log.error({ executionId: stalled.id, quietMs }, 'execution made no progress; failing it');
        const done = await changeExecution(tx, execution, { status: 'TERMINAL', endTime: new Date(), cancellationReason: `Foresail could not make progress on this execution for ${Math.round(quietMs / 60_000)} minutes and stopped it. Restart a stage to try again.` });
        await afterCompletion(tx, done);
      } else {
        options.log.warn({ executionId: stalled.id, quietMs }, 'execution is not moving; re-driving it');
        await enqueue(tx, jobs.redrive, { executionId: stalled.id }, { jobKey: `redrive:${stalled.id}` });
      }
    }
    if (Math.random() < 0.01) await pruneEvents(tx, 7);
  });
}

export function startWatchdog(options: WatchdogOptions): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    watchdogPass(options)
      .catch((err: unknown) => options.log.error({ err: err instanceof Error ? err.message : String(err) }, 'watchdog pass failed'))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
