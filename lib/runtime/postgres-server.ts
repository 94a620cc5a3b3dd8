import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../log';
import { canAccess, ensureRunnableBinaries, findPostgresBinaries, postgresRunAs, type PostgresBinaries, type RunAs } from './postgres-binaries';
import { isProcessAlive, tailFile, waitForExit } from './processes';

/**
 * The embedded PostgreSQL's processes, run with the real binaries and without a client library:
 * readiness comes from PostgreSQL's own `postmaster.pid`, so the long-running supervisor stays
 * small. embedded-postgres.ts adds the SQL side (creating the database).
 */
export interface Cluster {
  /** The PostgreSQL data directory (`<dataDir>/postgres`, or a traversable fallback as root). */
  pgDir: string;
  password: string;
  binaries: PostgresBinaries;
  runAs: RunAs | undefined;
  /** Tests: no fsync, data deleted on stop. */
  ephemeral: boolean;
}

export interface PostgresProcess {
  pid: number;
  port: number;
  /** Unix socket directory when the path is short enough (faster than loopback TCP). */
  socketDir: string | undefined;
  /** Resolves when the server exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Fast shutdown (clients disconnected, clean checkpoint); SIGKILL after 20 s. */
  stop(): Promise<void>;
}

// Root-owned, world-traversable places for when the checkout is not traversable by `postgres`.
const systemRoot = '/var/lib/foresail';

/** Finds the binaries and the data directory, creating the cluster (initdb) on first use. */
export async function prepareCluster(options: { dataDir: string; log: Logger; ephemeral?: boolean }): Promise<Cluster> {
  const { log } = options;
  const runAs = postgresRunAs();
  const binaries = ensureRunnableBinaries(await findPostgresBinaries(), runAs, path.join(systemRoot, 'postgres-bin'));
  const pgDir = chooseDataDir(path.resolve(options.dataDir, 'postgres'), runAs, log);
  const password = readOrCreatePassword(`${pgDir}.password`);
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    const started = Date.now();
    initdb(binaries.initdb, pgDir, password, runAs);
    log.info({ dataDir: pgDir, ms: Date.now() - started }, 'initialised embedded PostgreSQL');
  }
  return { pgDir, password, binaries, runAs, ephemeral: options.ephemeral === true };
}

/** postgresql:// URL for `database`, over the Unix socket when there is one. */
export function connectionUrl(cluster: Cluster, server: Pick<PostgresProcess, 'port' | 'socketDir'>, database: string): string {
  const socket = server.socketDir ? `?host=${encodeURIComponent(server.socketDir)}` : '';
  return `postgresql://postgres:${encodeURIComponent(cluster.password)}@127.0.0.1:${server.port}/${encodeURIComponent(database)}${socket}`;
}

interface PidFile {
  pid: number;
  dataDir: string;
  port: number;
  status: string;
}

/** PostgreSQL's lock file: PID, data directory, port, …, and (line 8) "starting", "ready" or "stopping". */
export function readPidFile(pgDir: string): PidFile | undefined {
  try {
    const lines = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), dataDir: lines[1] ?? '', port: Number(lines[3]), status: (lines[7] ?? '').trim() };
  } catch {
    return undefined;
  }
}

/**
 * Stops a PostgreSQL still running on `pgDir` although the Foresail that started it is gone. The
 * caller must hold the data folder's instance lock (instance-lock.ts): that is what tells an
 * orphan from the live server of another Foresail.
 */
export async function stopOrphanedPostgres(pgDir: string, log: Logger): Promise<void> {
  const pidFile = readPidFile(pgDir);
  if (!pidFile || !Number.isInteger(pidFile.pid) || pidFile.pid <= 0 || !isProcessAlive(pidFile.pid)) return;
  const cmdline = fs.existsSync(`/proc/${pidFile.pid}/cmdline`) ? fs.readFileSync(`/proc/${pidFile.pid}/cmdline`, 'utf8') : '';
  if (!cmdline.includes('postgres')) return;
  log.warn({ postgresPid: pidFile.pid, dataDir: pgDir }, 'stopping the PostgreSQL an earlier Foresail left running (that Foresail is gone)');
  process.kill(pidFile.pid, 'SIGINT');
  for (let i = 0; i < 200 && isProcessAlive(pidFile.pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isProcessAlive(pidFile.pid)) throw new Error(`PostgreSQL (pid ${pidFile.pid}) still holds ${pgDir}; stop it and start again`);
}

/**
 * Starts the server on `port` and resolves once it accepts connections (after crash recovery, if
 * any). `ownProcessGroup`: a Ctrl-C in the terminal then reaches only the supervisor, which stops
 * the database last instead of PostgreSQL shutting down under web and worker.
 */
export async function launchPostgres(cluster: Cluster, port: number, options: { ownProcessGroup?: boolean } = {}): Promise<PostgresProcess> {
  const { pgDir } = cluster;
  const logFile = `${pgDir}.log`;
  const out = fs.openSync(logFile, 'a');
  // Foresail's own processes connect over a Unix socket in the data directory: a round trip costs
  // ~100 µs there against ~160 µs over loopback TCP on these machines, and the engine makes many.
  // TCP stays open for psql and tools. Socket paths are limited to 107 bytes.
  const socketDir = pgDir.length + `/.s.PGSQL.${port}`.length < 100 ? pgDir : undefined;
  const args = ['-D', pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'unix_socket_permissions=0700', '-c', 'max_connections=300'];
  if (cluster.ephemeral) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(cluster.binaries.postgres, args, { stdio: ['ignore', out, out], detached: options.ownProcessGroup === true, ...(cluster.runAs ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  fs.closeSync(out);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const pid = child.pid ?? -1;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Embedded PostgreSQL exited during start-up (${String(child.exitCode ?? child.signalCode)}). Last log lines:\n${tailFile(logFile, 15)}`);
    }
    const pidFile = readPidFile(pgDir);
    if (pidFile?.pid === pid && pidFile.status === 'ready') break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Embedded PostgreSQL did not accept connections within 60 s. Last log lines:\n${tailFile(logFile, 15)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      if (!(await waitForExit(child, 20_000))) child.kill('SIGKILL');
      await exited;
      if (cluster.ephemeral) {
        for (const target of [pgDir, `${pgDir}.password`, logFile]) fs.rmSync(target, { recursive: true, force: true });
      }
    })();
    return stopping;
  };
  return { pid, port, socketDir, exited, stop };
}

function chooseDataDir(wanted: string, runAs: RunAs | undefined, log: Logger): string {
  prepareDir(wanted, runAs);
  if (canAccess(wanted, runAs, '-w') && canAccess(wanted, runAs, '-x')) return wanted;
  const fallback = path.join(systemRoot, 'data', createHash('sha256').update(wanted).digest('hex').slice(0, 16), 'postgres');
  log.warn(
    { wanted, using: fallback },
    `The 'postgres' user cannot reach ${wanted} (a parent folder is not traversable, e.g. a checkout under /root). ` +
      `Using ${fallback} instead. To keep data beside the checkout, run \`chmod o+x\` on its parent folders, or set FORESAIL_DATA_DIR to a traversable folder, or DATABASE_URL.`,
  );
  fs.mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
  for (let dir = path.dirname(fallback); dir.startsWith(systemRoot); dir = path.dirname(dir)) fs.chmodSync(dir, 0o755);
  prepareDir(fallback, runAs);
  if (!canAccess(fallback, runAs, '-w')) throw new Error(`The 'postgres' user cannot write ${fallback}; set DATABASE_URL to use your own PostgreSQL`);
  return fallback;
}

function prepareDir(dir: string, runAs: RunAs | undefined): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
}

function readOrCreatePassword(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function initdb(initdbPath: string, pgDir: string, password: string, runAs: RunAs | undefined): void {
  const pwfile = path.join(os.tmpdir(), `foresail-pw-${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
  try {
    const result = spawnSync(
      initdbPath,
      ['-D', pgDir, '--username=postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-instructions'],
      { encoding: 'utf8', ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C' } },
    );
    if (result.status !== 0) {
      throw new Error(`initdb failed for ${pgDir}: ${(result.stderr || result.stdout || String(result.error)).trim().split('\n').slice(-5).join(' | ')}`);
    }
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}
