import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../log';
import { connectionUrl, launchPostgres, prepareCluster, stopOrphanedPostgres } from './postgres-server';
import { freePort } from './processes';

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

/**
 * An embedded PostgreSQL with `database` created, for tests, benchmarks and tools. (`foresail
 * start` supervises its server through supervised-postgres.ts and holds the data folder's lock.)
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { log } = options;
  const cluster = await prepareCluster({ dataDir: options.dataDir, log, ephemeral: options.ephemeral });
  await stopOrphanedPostgres(cluster.pgDir, log);
  const server = await launchPostgres(cluster, options.port ?? (await freePort()));
  const database = options.database ?? 'foresail';
  await ensureDatabase(connectionUrl(cluster, server, 'postgres'), database);
  log.info({ port: server.port, postgresPid: server.pid, dataDir: cluster.pgDir }, 'embedded PostgreSQL ready');
  return {
    url: connectionUrl(cluster, server, database),
    port: server.port,
    pid: server.pid,
    dataDir: cluster.pgDir,
    async stop() {
      await server.stop();
      if (options.ephemeral) fs.rmSync(path.resolve(options.dataDir), { recursive: true, force: true });
    },
  };
}

/** Creates `database` unless it exists (`adminUrl` points at the `postgres` database). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
