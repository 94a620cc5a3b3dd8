/**
 * Vitest global setup (integration project): one throwaway embedded PostgreSQL for the run, with a
 * migrated template database. Each test file clones the template (useTestDatabase), so files never
 * see each other's rows and a clone costs tens of milliseconds.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../lib/db/migrate';
import { migrateJobQueue } from '../../lib/db/job-queue';
import { getLogger } from '../../lib/log';
import { startEmbeddedPostgres } from '../../lib/runtime/embedded-postgres';
import { makeTempDir } from '../../lib/runtime/processes';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL (database `postgres`). */
    postgresAdminUrl: string;
  }
}

export const templateDatabase = 'foresail_template';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startEmbeddedPostgres({ dataDir: makeTempDir('foresail-it-'), log: getLogger().child({ component: 'test-postgres' }), ephemeral: true, database: templateDatabase });
  await applyMigrations(postgres.url);
  await migrateJobQueue(postgres.url);
  // A template must have no other connections when cloned; mark it so nobody connects by accident.
  const admin = new URL(postgres.url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`ALTER DATABASE ${templateDatabase} WITH ALLOW_CONNECTIONS false`);
  await client.end();
  project.provide('postgresAdminUrl', admin.toString());
  return () => postgres.stop();
}
