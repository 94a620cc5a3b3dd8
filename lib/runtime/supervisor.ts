import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ForesailConfig } from '../config';
import { publicBaseUrl } from '../config/base-url';
import { applyMigrations } from '../db/migrate';
import { migrateJobQueue } from '../db/job-queue';
import type { Logger } from '../log';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { waitForExit } from './processes';

export interface SupervisorOptions {
  mode: 'start' | 'dev';
  config: ForesailConfig;
  log: Logger;
  /** Runs after migrations, before the web server starts (the demo seeds its data here). */
  beforeServe?: (databaseUrl: string) => Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const nextBin = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
const exitWithParent = path.join(repoRoot, 'lib', 'runtime', 'exit-with-parent.ts');
const peerAddress = path.join(repoRoot, 'lib', 'runtime', 'peer-address.ts');
const workerEntry = path.join(repoRoot, 'lib', 'runtime', 'worker-main.ts');

interface Managed {
  name: string;
  command: string[];
  env: NodeJS.ProcessEnv;
  child?: ChildProcess;
  restarts: number;
  startedAt: number;
}

/**
 * `foresail start|dev`: the embedded database (unless DATABASE_URL is set), migrations, then the
 * web server and worker processes, restarted if they crash. SIGTERM/SIGINT stop everything in
 * order: web and workers first, the database last.
 */
export async function runSupervisor(options: SupervisorOptions): Promise<void> {
  const { config, log, mode } = options;
  if (mode === 'start' && !fs.existsSync(path.join(repoRoot, '.next', 'BUILD_ID'))) {
    throw new Error('No production build found: run `npm run build` first (or `npm run demo`, which builds when needed)');
  }
  let postgres: RunningPostgres | undefined;
  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    postgres = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
    databaseUrl = postgres.url;
  }
  const stopDatabase = async () => {
    await postgres?.stop();
  };
  try {
    const migrations = await applyMigrations(databaseUrl);
    await migrateJobQueue(databaseUrl);
    log.info({ applied: migrations.applied, alreadyApplied: migrations.alreadyApplied }, 'database migrations up to date');
    await options.beforeServe?.(databaseUrl);
  } catch (err) {
    await stopDatabase();
    throw err;
  }

  const port = String(config.server.port);
  const baseUrl = publicBaseUrl(config.server);
  // next-auth builds its OAuth callback URLs from NEXTAUTH_URL.
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_URL: baseUrl, NEXT_TELEMETRY_DISABLED: '1' };
  const webArgs = mode === 'start' ? ['start', '-p', port, '-H', config.server.host] : ['dev', '-p', port, '-H', config.server.host];
  const processes: Managed[] = [
    {
      name: 'web',
      command: [process.execPath, '--import', exitWithParent, '--import', peerAddress, nextBin, ...webArgs],
      env: { ...baseEnv, FORESAIL_PROCESS: 'web', NODE_ENV: mode === 'start' ? 'production' : 'development' },
      restarts: 0,
      startedAt: 0,
    },
  ];
  for (let i = 0; i < config.worker.processes; i++) {
    processes.push({
      name: `worker-${i + 1}`,
      command: [process.execPath, '--conditions=react-server', '--import', 'tsx', '--import', exitWithParent, workerEntry],
      env: { ...baseEnv, FORESAIL_PROCESS: 'worker', NODE_ENV: mode === 'start' ? 'production' : 'development' },
      restarts: 0,
      startedAt: 0,
    });
  }

  let shuttingDown = false;
  const launch = (managed: Managed) => {
    const [command, ...args] = managed.command;
    if (!command) return;
    managed.startedAt = Date.now();
    const child = spawn(command, args, { cwd: repoRoot, env: managed.env, stdio: ['ignore', 'inherit', 'inherit'] });
    managed.child = child;
    log.info({ process: managed.name, pid: child.pid }, 'process started');
    child.on('exit', (code, signal) => {
      if (shuttingDown) return;
      // A crash loop backs off; a process that ran for a minute restarts at once.
      if (Date.now() - managed.startedAt > 60_000) managed.restarts = 0;
      const delay = Math.min(30_000, 500 * 2 ** managed.restarts);
      managed.restarts += 1;
      log.error({ process: managed.name, code, signal, restartInMs: delay }, 'process exited unexpectedly; restarting');
      setTimeout(() => {
        if (!shuttingDown) launch(managed);
      }, delay);
    });
  };
  processes.forEach(launch);
  log.info({ url: baseUrl, mode }, 'Foresail is starting');

  await new Promise<void>((resolve) => {
    const shutdown = async (signal: NodeJS.Signals) => {
      if (shuttingDown) return;
      shuttingDown = true;
      log.info({ signal }, 'stopping Foresail');
      await Promise.all(
        processes.map(async ({ child, name }) => {
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          if (!(await waitForExit(child, 15_000))) {
            log.warn({ process: name }, 'did not stop within 15 s; killing');
            child.kill('SIGKILL');
          }
        }),
      );
      await stopDatabase();
      log.info('Foresail stopped');
      resolve();
    };
    process.once('SIGTERM', (s) => void shutdown(s));
    process.once('SIGINT', (s) => void shutdown(s));
  });
}
