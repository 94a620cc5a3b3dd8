import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { disconnectDb } from '../../lib/db/client';
import { stopListening } from '../../lib/db/event-listener';
import { closePool } from '../../lib/db/pool';
import { reloadConfig } from '../../lib/env';

const template = 'foresail_template';

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a database cloned from the migrated template and returns its URL. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

/**
 * Points this test file's process (lib/env + lib/db) at a fresh migrated database for its
 * lifetime. Returns a getter because the URL exists only once beforeAll ran.
 */
export function useTestDatabase(): () => string {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase();
    process.env.DATABASE_URL = url;
    reloadConfig();
  });
  afterAll(async () => {
    await disconnectDb();
    await closePool();
    await stopListening();
    await dropTestDatabase(url);
  });
  return () => url;
}
