import 'server-only';
import pg from 'pg';
import { getConfig } from '../env';
import { getLogger } from '../log';

const globalForPool = globalThis as unknown as { foresailPool?: { url: string; pool: pg.Pool } };

/**
 * A plain pg pool for the engine's hot path (row locks, jobs and events in one transaction, a few
 * milliseconds per transition), beside Prisma's pool for everything else.
 */
export function getPool(): pg.Pool {
  const { url, poolSize } = getConfig().database;
  if (!url) throw new Error('DATABASE_URL is not set');
  const existing = globalForPool.foresailPool;
  if (existing && existing.url === url) return existing.pool;
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', (err) => getLogger().error({ err: err.message }, 'idle database connection failed'));
  globalForPool.foresailPool = { url, pool };
  return pool;
}

export async function closePool(): Promise<void> {
  const existing = globalForPool.foresailPool;
  globalForPool.foresailPool = undefined;
  await existing?.pool.end();
}

export interface Tx {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Runs `fn` in one transaction: everything it writes (state, events, jobs) commits or none does. */
export async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A connection that cannot even roll back (the database restarted) is discarded, not reused.
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
