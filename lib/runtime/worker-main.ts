/**
 * The worker process: runs graphile-worker with the engine's tasks and reports a heartbeat that
 * /api/health reads. Started by the supervisor (lib/runtime/supervisor.ts); any number may run.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { EventEmitter } from 'node:events';
import { Logger as WorkerLogger, run, type LogFunctionFactory, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { disconnectDb } from '../db/client';
import { pruneWorkerHeartbeats, recordWorkerHeartbeat, removeWorkerHeartbeat } from '../db/workers';
import { engineTasks } from '../engine/tasks';
import { startWatchdog } from '../engine/watchdog';
import { closePool } from '../db/pool';
import { getConfig } from '../env';
import { getLogger } from '../log';

process.env.FORESAIL_PROCESS ??= 'worker';
const config = getConfig();
const log = getLogger().child({ component: 'worker' });
const identity = { workerId: `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`, hostname: os.hostname(), pid: process.pid, startedAt: new Date(), jobWorkerIds: [] as string[] };

// graphile-worker's ids for our job workers: if this process dies, the watchdog in another worker
// releases exactly these jobs' locks (graphile-worker itself would wait 4 hours).
const events: WorkerEvents = new EventEmitter();
events.on('worker:create', ({ worker }) => identity.jobWorkerIds.push(worker.workerId));

const logFactory: LogFunctionFactory = (scope) => (level, message, meta) => {
  const fields = { scope: { label: scope.label, taskIdentifier: scope.taskIdentifier, jobId: scope.jobId }, ...(meta ?? {}) };
  if (level === 'error') log.error(fields, message);
  else if (level === 'warning') log.warn(fields, message);
  else if (level === 'info') log.info(fields, message);
  else log.debug(fields, message);
};

const pool = new pg.Pool({ connectionString: config.database.url, max: config.worker.concurrency + 2 });
// graphile-worker insists every client has an error handler; a dropped connection is logged and replaced.
pool.on('error', (err) => log.error({ err: err.message }, 'idle database connection failed'));
pool.on('connect', (client) => client.on('error', (err) => log.error({ err: err.message }, 'database connection failed')));

const runner = await run({
  pgPool: pool,
  taskList: engineTasks,
  parsedCronItems: [],
  concurrency: config.worker.concurrency,
  noHandleSignals: true,
  pollInterval: 2000,
  logger: new WorkerLogger(logFactory),
  events,
});

async function beat(): Promise<void> {
  try {
    await recordWorkerHeartbeat(identity);
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'heartbeat failed');
  }
}
await beat();
await pruneWorkerHeartbeats(config.worker.heartbeatSeconds * 20).catch(() => 0);
const timer = setInterval(() => void beat(), config.worker.heartbeatSeconds * 1000);
const heartbeatMs = config.worker.heartbeatSeconds * 1000;
const stopWatchdog = startWatchdog({
  intervalMs: Math.max(1000, heartbeatMs),
  deadWorkerAfterMs: heartbeatMs * 3,
  redriveAfterMs: config.worker.stalledAfterSeconds * 1000,
  giveUpAfterMs: config.worker.giveUpAfterSeconds * 1000,
  log: log.child({ component: 'watchdog' }),
});
await runner.addJob('cron.sync', {}, { jobKey: 'cron-sync' }).catch((err: unknown) => log.warn({ err: String(err) }, 'could not schedule cron sync'));
log.info({ workerId: identity.workerId, concurrency: config.worker.concurrency, tasks: Object.keys(engineTasks).length }, 'worker ready');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker stopping');
  clearInterval(timer);
  stopWatchdog();
  await runner.stop().catch((err: unknown) => log.error({ err: String(err) }, 'runner stop failed'));
  await removeWorkerHeartbeat(identity.workerId).catch(() => undefined);
  await disconnectDb();
  await closePool();
  await pool.end().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

// When the database goes away mid-job, graphile-worker cannot record the job's outcome: its
// promise for that is not awaited (an unhandled rejection) or the whole runner stops. The job
// stays locked by this process, so exit: the supervisor starts a fresh worker once the database
// is back, whose watchdog hands this process's jobs back to the queue (the engine's crash path).
function fail(reason: string): void {
  log.error({ reason }, 'worker cannot continue; exiting so the supervisor starts a fresh one');
  process.exit(1);
}
runner.promise.then(
  () => !stopping && fail('the job runner stopped'),
  (err: unknown) => !stopping && fail(`the job runner failed: ${err instanceof Error ? err.message : String(err)}`),
);
process.on('unhandledRejection', (err) => fail(err instanceof Error ? err.message : String(err)));
