import path from 'node:path';
import type { ForesailConfig } from '../config';
import { publicBaseUrl } from '../config/base-url';
import { getLogger, resolveLogFormat, type Logger } from '../log';
import { acquireInstanceLock, InstanceBusyError, type InstanceLock } from './instance-lock';
import { startManagedProcess, type ManagedProcess } from './managed-process';
import { watchParent } from './parent-watch';
import { repoRoot, runtimePaths } from './paths';
import { PreparationFailed, startPreparation } from './preparation';
import { assertPortFree, demoSessionSecret, ensureProductionBuild, StartError } from './start-checks';
import { superviseEmbeddedPostgres, type SupervisedPostgres } from './supervised-postgres';
import { demoWorldEnvKey, type DemoWorldEnv } from '../config/demo-world-env';
import { demoContext, demoWorldPaths } from '../world/demo-paths';
import { choosePort } from '../world/ports';

export type SupervisorMode = 'start' | 'dev' | 'demo';

const tsx = ['--conditions=react-server', '--import', 'tsx'];
// Node closes idle keep-alive connections after 5 s; a client (or proxy) that reuses one at that moment
// gets ECONNRESET on a request the server never saw. Idle connections are kept longer than clients and
// proxies keep theirs (nginx and most load balancers: 60 s), so the client always closes first.
const keepAlive = ['--keepAliveTimeout', '65000'];

/**
 * `foresail start|dev|demo`: one Foresail per data folder; the embedded database (unless
 * DATABASE_URL is set), restarted if it crashes; migrations; then the web server and worker
 * processes, restarted if they crash. SIGTERM, SIGINT, SIGHUP or the death of whatever started
 * it stop everything in order: web, workers, the database last. Resolves with the exit code.
 */
export async function runSupervisor(mode: SupervisorMode): Promise<number> {
  if (mode === 'demo') process.env.FORESAIL_DEMO ??= 'true';
  const prepare = startPreparation({ command: process.execPath, args: [...tsx, runtimePaths.prepareEntry], cwd: repoRoot, env: process.env });
  let config: ForesailConfig;
  try {
    config = await prepare.config;
  } catch (err) {
    if (err instanceof PreparationFailed) return err.exitCode; // it said why on stderr
    throw err;
  }
  process.env.LOG_LEVEL = config.log.level;
  process.env.LOG_FORMAT = config.log.format ?? resolveLogFormat();
  const log = getLogger().child({ component: 'supervisor' });

  let stopReason: string | undefined;
  let wakeUp: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => (wakeUp = resolve));
  const requestStop = (reason: string) => {
    if (stopReason) return;
    stopReason = reason;
    log.info({ reason }, 'stopping Foresail');
    wakeUp();
  };
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, requestStop);
  const unwatchParent = watchParent(requestStop);

  const baseUrl = publicBaseUrl(config.server);
  let lock: InstanceLock | undefined;
  let postgres: SupervisedPostgres | undefined;
  const web: ManagedProcess[] = [];
  const workers: ManagedProcess[] = [];
  let world: ManagedProcess | undefined;
  const shutdown = async () => {
    prepare.cancel();
    // No new requests first; the demo world meanwhile (it needs neither web nor database).
    await Promise.all([...web.map((p) => p.stop()), world?.stop(worldStopGraceMs)]);
    await Promise.all(workers.map((p) => p.stop())); // they finish or hand back their jobs
    if (postgres) {
      lock?.update({ database: 'stopping' });
      await postgres.stop();
    }
    lock?.release();
    unwatchParent();
    for (const signal of signals) process.off(signal, requestStop);
  };

  try {
    if (!config.database.url) {
      // Before anything is touched: a second start on a folder in use changes nothing.
      lock = acquireInstanceLock(path.resolve(config.dataDir), { url: baseUrl, mode });
    }
    // Absolute, so every process finds the same folder (and the lock /api/health reads) whatever its cwd.
    const env: NodeJS.ProcessEnv = { ...process.env, FORESAIL_DATA_DIR: path.resolve(config.dataDir) };
    if (mode === 'demo' && !config.auth.sessionSecret) env.FORESAIL_SESSION_SECRET = demoSessionSecret(config.dataDir);
    if (mode !== 'dev') ensureProductionBuild(mode === 'demo');
    await assertPortFree(config.server.host, config.server.port);
    // The demo world starts at once: a first start builds Kubernetes for many minutes, while the UI is usable.
    if (mode === 'demo') world = await startDemoWorldRunner(env, config.dataDir, log);

    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      postgres = await superviseEmbeddedPostgres({ dataDir: config.dataDir, log, onStateChange: (state) => lock?.update({ database: state }) });
      databaseUrl = postgres.url;
    }
    const migrations = await prepare.migrate({ databaseUrl, seedDemo: mode === 'demo', create: postgres && { adminUrl: postgres.adminUrl, database: postgres.database } });
    log.info({ applied: migrations.applied, alreadyApplied: migrations.alreadyApplied }, 'database migrations up to date');

    if (!stopReason) {
      startProcesses({ mode, config, env: { ...env, DATABASE_URL: databaseUrl, NEXTAUTH_URL: baseUrl }, log, postgres, web, workers });
      lock?.update({ database: postgres?.whileRestarting() ? 'restarting' : 'running' });
      log.info({ url: baseUrl, mode }, 'Foresail is starting');
    }
    await stopRequested;
    await shutdown();
    log.info('Foresail stopped');
    return 0;
  } catch (err) {
    if (err instanceof InstanceBusyError || err instanceof StartError) process.stderr.write(`Foresail cannot start: ${err.message}\n`);
    else if (!(err instanceof PreparationFailed)) process.stderr.write(`foresail: ${err instanceof Error ? err.message : String(err)}\n`);
    await shutdown();
    return 1;
  }
}

// The runner stops the extras, the cluster (etcd last), Prometheus and LDAP in order: seconds, not minutes.
const worldStopGraceMs = 30_000;

/**
 * The demo world's runner (demo-world-main.ts), a managed process like the workers. Sets
 * FORESAIL_DEMO_WORLD in `env` (which web and workers get too), so their configuration gains the
 * `demo` and `demo-prometheus` accounts pointing at that world (lib/config/demo-world.ts).
 */
async function startDemoWorldRunner(env: NodeJS.ProcessEnv, dataDir: string, log: Logger): Promise<ManagedProcess> {
  const paths = demoWorldPaths(dataDir);
  // Chosen now, because the metrics account must name it before Prometheus runs.
  const prometheusPort = await choosePort(9392);
  const world: DemoWorldEnv = { kubeconfigFile: paths.kubeconfig, context: demoContext, prometheusUrl: `http://127.0.0.1:${prometheusPort}` };
  env[demoWorldEnvKey] = JSON.stringify(world);
  return startManagedProcess({
    name: 'demo-world',
    command: process.execPath,
    args: [...tsx, runtimePaths.demoWorldEntry],
    cwd: repoRoot,
    env: { ...env, FORESAIL_PROCESS: 'demo-world' },
    log,
  });
}

interface ProcessPlan {
  mode: SupervisorMode;
  config: ForesailConfig;
  env: NodeJS.ProcessEnv;
  log: Logger;
  postgres: SupervisedPostgres | undefined;
  web: ManagedProcess[];
  workers: ManagedProcess[];
}

function startProcesses({ mode, config, env, log, postgres, web, workers }: ProcessPlan): void {
  const { port, host } = config.server;
  const base: NodeJS.ProcessEnv = { ...env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: mode === 'dev' ? 'development' : 'production' };
  const common = { cwd: repoRoot, log, dependencyOutage: () => postgres?.whileRestarting() };
  web.push(
    startManagedProcess({
      ...common,
      name: 'web',
      command: process.execPath,
      args: ['--import', runtimePaths.exitWithParent, '--import', runtimePaths.peerAddress, runtimePaths.nextBin, mode === 'dev' ? 'dev' : 'start', '-p', String(port), '-H', host, ...(mode === 'dev' ? [] : keepAlive)],
      env: { ...base, FORESAIL_PROCESS: 'web' },
    }),
  );
  for (let i = 0; i < config.worker.processes; i++) {
    workers.push(
      startManagedProcess({
        ...common,
        name: `worker-${i + 1}`,
        command: process.execPath,
        args: [...tsx, '--import', runtimePaths.exitWithParent, runtimePaths.workerEntry],
        env: { ...base, FORESAIL_PROCESS: 'worker' },
      }),
    );
  }
}
