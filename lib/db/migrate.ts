import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * Applies Prisma-format migrations (prisma/migrations/<name>/migration.sql) without the Prisma CLI,
 * which cannot run offline. Rows go into Prisma's own `_prisma_migrations` table with the same
 * checksum, so `prisma migrate deploy` on a connected machine sees the same history.
 */

// The ignore hint stops Next's file tracing from treating the whole working directory as a dependency.
export const defaultMigrationsDir = path.join(/*turbopackIgnore: true*/ process.cwd(), 'prisma', 'migrations');

// Any fixed 64-bit number; serialises concurrent starters (web + worker, several replicas): the
// first applies what is pending, the others wait on the lock and then find nothing to do.
const lockKey = 7_412_095_301;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = defaultMigrationsDir): MigrationFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const createTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export interface ApplyOptions {
  /** Runs after Foresail's migrations while the lock is still held (the job queue's own schema). */
  alsoUnderLock?: () => Promise<void>;
}

export async function applyMigrations(databaseUrl: string, dir = defaultMigrationsDir, options: ApplyOptions = {}): Promise<MigrationResult> {
  const migrations = readMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lockKey]);
    await client.query(createTable);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((row) => [row.migration_name, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = done.get(migration.name);
      if (previous?.finished_at) {
        if (previous.checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied (checksum differs); restore the original file and add a new migration instead`);
        }
        continue;
      }
      if (previous) {
        throw new Error(`Migration ${migration.name} failed part-way on an earlier start; fix the database by hand, then delete its row from _prisma_migrations`);
      }
      await applyOne(client, migration);
      applied.push(migration.name);
    }
    await options.alsoUnderLock?.();
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [lockKey]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    const id = randomUUID();
    await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [
      id,
      migration.checksum,
      migration.name,
    ]);
    await client.query(migration.sql);
    await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Migration ${migration.name} failed: ${reason}`);
  }
}

/** Names of migrations on disk that the database has not finished applying. */
export async function pendingMigrations(query: (sql: string) => Promise<{ migration_name: string }[]>, dir = defaultMigrationsDir): Promise<string[]> {
  const rows = await query('SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL').catch(() => []);
  const done = new Set(rows.map((row) => row.migration_name));
  return readMigrations(dir)
    .map((m) => m.name)
    .filter((name) => !done.has(name));
}
