import 'server-only';
import { Logger, runMigrations } from 'graphile-worker';

/**
 * Creates or upgrades graphile-worker's schema. Run at start-up beside Foresail's own migrations,
 * so the web process can queue jobs (triggers) before any worker has started.
 */
export async function migrateJobQueue(databaseUrl: string): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: new Logger(() => () => undefined) });
}
