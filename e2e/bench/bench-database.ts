import { disconnectDb } from '../../lib/db/client';
import { migrateJobQueue } from '../../lib/db/job-queue';
import { applyMigrations } from '../../lib/db/migrate';
import { closePool } from '../../lib/db/pool';
import { reloadConfig } from '../../lib/env';
import { getLogger } from '../../lib/log';
import { startEmbeddedPostgres } from '../../lib/runtime/embedded-postgres';
import { makeTempDir } from '../../lib/runtime/processes';

export interface BenchDatabase {
  url: string;
  /** The postmaster's process id (its backends are its children). */
  pid: number;
  /** Closes this process's connections, stops PostgreSQL and puts the environment back as it was. */
  stop(): Promise<void>;
}

/** Puts the variables back as they were, unset where they were unset. */
function restoreEnv(saved: { DATABASE_URL?: string | undefined; LOG_LEVEL?: string | undefined; FORESAIL_CONFIG?: string | undefined }): void {
  const env = process.env;
  if (saved.DATABASE_URL === undefined) delete env.DATABASE_URL;
  else env.DATABASE_URL = saved.DATABASE_URL;
  if (saved.LOG_LEVEL === undefined) delete env.LOG_LEVEL;
  else env.LOG_LEVEL = saved.LOG_LEVEL;
  if (saved.FORESAIL_CONFIG === undefined) delete env.FORESAIL_CONFIG;
  else env.FORESAIL_CONFIG = saved.FORESAIL_CONFIG;
  reloadConfig();
}

/**
 * A bench's own embedded PostgreSQL (a new temporary data folder), migrated (schema and job queue)
 * and made this process's database, with logging silenced first: a log line per request would be
 * measured too. A configuration the bench puts in force meanwhile is undone by stop().
 */
export async function startBenchDatabase(name: string): Promise<BenchDatabase> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: process.env.LOG_LEVEL, FORESAIL_CONFIG: process.env.FORESAIL_CONFIG };
  process.env.LOG_LEVEL = 'silent';
  const postgres = await startEmbeddedPostgres({ dataDir: makeTempDir(`foresail-bench-${name}-`), log: getLogger().child({ component: 'bench' }), ephemeral: true, database: 'bench' });
  try {
    process.env.DATABASE_URL = postgres.url;
    reloadConfig();
    await applyMigrations(postgres.url);
    await migrateJobQueue(postgres.url);
  } catch (err) {
    await postgres.stop();
    restoreEnv(saved);
    throw err;
  }
  return {
    url: postgres.url,
    pid: postgres.pid,
    async stop() {
      await closePool();
      await disconnectDb();
      await postgres.stop();
      restoreEnv(saved);
    },
  };
}
