import type { Logger } from '../log';
import { connectionUrl, launchPostgres, prepareCluster, stopOrphanedPostgres, type PostgresProcess } from './postgres-server';
import { freePort, tailFile } from './processes';

export type DatabaseState = 'running' | 'restarting';

export interface SupervisedPostgres {
  /** URL of Foresail's database; stays the same across restarts (same port and socket). */
  url: string;
  /** URL of the `postgres` maintenance database (to create Foresail's on first start). */
  adminUrl: string;
  database: string;
  /** Undefined while running; otherwise resolves when the server is back. */
  whileRestarting(): Promise<void> | undefined;
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  dataDir: string;
  log: Logger;
  database?: string;
  onStateChange(state: DatabaseState): void;
}

// A server that stayed up this long is healthy again: its next crash restarts without delay.
const stableAfterMs = 60_000;

/**
 * The embedded PostgreSQL as a supervised child: if it exits unexpectedly (OOM killer, a crash,
 * a full disk) it is started again on the same port, where PostgreSQL runs crash recovery, with
 * back-off while it keeps failing. Web and worker reconnect by themselves; the engine's durable
 * jobs carry in-flight work over. The caller holds the data folder's instance lock.
 */
export async function superviseEmbeddedPostgres(options: SuperviseOptions): Promise<SupervisedPostgres> {
  const { log } = options;
  const cluster = await prepareCluster({ dataDir: options.dataDir, log });
  await stopOrphanedPostgres(cluster.pgDir, log);
  const port = await freePort();
  let server: PostgresProcess = await launchPostgres(cluster, port, { ownProcessGroup: true });
  log.info({ port, postgresPid: server.pid, dataDir: cluster.pgDir }, 'embedded PostgreSQL ready');

  let stopping = false;
  let startedAt = Date.now();
  let failures = 0;
  let back: { promise: Promise<void>; resolve: () => void } | undefined;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const recover = async (exit: { code: number | null; signal: NodeJS.Signals | null }): Promise<void> => {
    const downSince = Date.now();
    let resolveBack: () => void = () => undefined;
    back = { promise: new Promise<void>((resolve) => (resolveBack = resolve)), resolve: resolveBack };
    options.onStateChange('restarting');
    if (Date.now() - startedAt > stableAfterMs) failures = 0;
    let reason = `exit code ${String(exit.code)}, signal ${String(exit.signal)}`;
    while (!stopping) {
      const delayMs = Math.min(30_000, 250 * 2 ** failures);
      failures += 1;
      log.error({ reason, restartInMs: delayMs, attempt: failures, lastLogLines: tailFile(`${cluster.pgDir}.log`, 3) }, 'PostgreSQL stopped unexpectedly; restarting it (crash recovery)');
      await pause(delayMs);
      if (stopping) break;
      try {
        const next = await launchPostgres(cluster, port, { ownProcessGroup: true });
        server = next;
        startedAt = Date.now();
        if (stopping) break; // stop() stops `server` once this recovery has ended
        watch(next);
        log.info({ postgresPid: next.pid, downSeconds: Number(((Date.now() - downSince) / 1000).toFixed(1)) }, 'PostgreSQL is back (crash recovery done)');
        options.onStateChange('running');
        back = undefined;
        resolveBack();
        return;
      } catch (err) {
        // e.g. the dead server's backends still hold its shared memory, or the port was taken.
        reason = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
      }
    }
    resolveBack();
  };
  let recovering: Promise<void> | undefined;
  const watch = (watched: PostgresProcess) => {
    void watched.exited.then((exit) => {
      if (stopping || watched !== server) return;
      recovering = recover(exit).finally(() => {
        recovering = undefined;
      });
    });
  };
  watch(server);

  return {
    url: connectionUrl(cluster, server, options.database ?? 'foresail'),
    adminUrl: connectionUrl(cluster, server, 'postgres'),
    database: options.database ?? 'foresail',
    whileRestarting: () => back?.promise,
    async stop() {
      stopping = true;
      wake?.();
      await recovering;
      await server.stop();
    },
  };
}
