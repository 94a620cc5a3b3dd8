import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../log';
import { canAccess, ensureRunnableBinaries, findPostgresBinaries, postgresRunAs, type RunAs } from './postgres-binaries';
import { freePort, isProcessAlive, tailFile, waitForExit } from './processes';

export interface EmbeddedPostgresOptions {
  /** Foresail's data folder; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  port?: number;
  database?: string;
  log: Logger;
  /** Tests: no fsync, data deleted on stop. */
  ephemeral?: boolean;
}

export interface RunningPostgres {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

// Root-owned, world-traversable places for when the checkout is not traversable by `postgres`.
const systemRoot = '/var/lib/foresail';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { log } = options;
  const runAs = postgresRunAs();
  const binaries = ensureRunnableBinaries(await findPostgresBinaries(), runAs, path.join(systemRoot, 'postgres-bin'));
  const pgDir = chooseDataDir(path.resolve(options.dataDir, 'postgres'), runAs, log);
  const password = readOrCreatePassword(`${pgDir}.password`);
  await stopOrphan(pgDir, log);

  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    const started = Date.now();
    initdb(binaries.initdb, pgDir, password, runAs);
    log.info({ dataDir: pgDir, ms: Date.now() - started }, 'initialised embedded PostgreSQL');
  }

  const port = options.port ?? (await freePort());
  const logFile = `${pgDir}.log`;
  const out = fs.openSync(logFile, 'a');
  // Foresail's own processes connect over a Unix socket in the data directory: a round trip costs
  // ~100 µs there against ~160 µs over loopback TCP on these machines, and the engine makes many.
  // TCP stays open for psql and tools. Socket paths are limited to 107 bytes.
  const socketDir = pgDir.length + `/.s.PGSQL.${port}`.length < 100 ? pgDir : undefined;
  const args = ['-D', pgDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'unix_socket_permissions=0700', '-c', 'max_connections=300'];
  if (options.ephemeral) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(binaries.postgres, args, { stdio: ['ignore', out, out], ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  fs.closeSync(out);
  const admin = { host: '127.0.0.1', port, user: 'postgres', password };
  await waitUntilAccepting(admin, child, logFile);

  const database = options.database ?? 'foresail';
  await createDatabaseIfMissing(admin, database);
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`;
  log.info({ port, pid: child.pid, dataDir: pgDir }, 'embedded PostgreSQL ready');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients and checkpoints cleanly.
      if (child.exitCode === null) child.kill('SIGINT');
      const exited = await waitForExit(child, 20_000);
      if (!exited) child.kill('SIGKILL');
      if (options.ephemeral) {
        for (const target of [pgDir, `${pgDir}.password`, `${pgDir}.log`, path.resolve(options.dataDir)]) fs.rmSync(target, { recursive: true, force: true });
      }
    })();
    return stopping;
  };
  return { url, port, pid: child.pid ?? -1, dataDir: pgDir, stop };
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

/** A PostgreSQL left running by a killed Foresail holds the data folder's lock: stop it cleanly first. */
async function stopOrphan(pgDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return;
  const cmdline = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!cmdline.includes('postgres')) return;
  log.warn({ pid, dataDir: pgDir }, 'stopping a PostgreSQL left running by an earlier Foresail');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && isProcessAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isProcessAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) still holds ${pgDir}; stop it and start again`);
}

interface AdminConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}

async function waitUntilAccepting(admin: AdminConnection, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Embedded PostgreSQL exited during start-up (code ${String(child.exitCode ?? child.signalCode)}). Last log lines:\n${tailFile(logFile, 15)}`);
    }
    const client = new pg.Client({ ...admin, database: 'postgres', connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`Embedded PostgreSQL did not accept connections within 30 s (${lastError}). Last log lines:\n${tailFile(logFile, 15)}`);
}

async function createDatabaseIfMissing(admin: AdminConnection, database: string): Promise<void> {
  const client = new pg.Client({ ...admin, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
