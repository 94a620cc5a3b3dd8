/**
 * The supervisor's short-lived helper (see preparation.ts): validates configuration and reports
 * it, then migrates the database the supervisor names and exits.
 */
import { ConfigError, configNotices, loadConfig, type ForesailConfig } from '../config';
import { getLogger } from '../log';
import type { PrepareReply, PrepareRequest } from './preparation';

function send(reply: PrepareReply): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) reject(new Error("prepare-main runs only as the supervisor's child"));
    else process.send(reply, (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

let config: ForesailConfig;
try {
  config = loadConfig({ env: process.env });
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`Foresail cannot start.\n${err.message}\n`);
  process.exit(2);
}
// Things the configuration allows but probably did not mean (e.g. a metrics account nobody may use).
for (const notice of configNotices(config)) getLogger().child({ component: 'supervisor' }).warn(notice);
// Loaded while the supervisor starts PostgreSQL, not before the configuration is reported.
let modules: Promise<[typeof import('../db/migrate'), typeof import('../db/job-queue'), typeof import('./embedded-postgres')]> | undefined;
const loadModules = () => (modules ??= Promise.all([import('../db/migrate'), import('../db/job-queue'), import('./embedded-postgres')]));

async function migrate(request: PrepareRequest): Promise<void> {
  const [{ applyMigrations }, { migrateJobQueue }, { ensureDatabase }] = await loadModules();
  if (request.create) await ensureDatabase(request.create.adminUrl, request.create.database);
  const result = await applyMigrations(request.databaseUrl);
  await migrateJobQueue(request.databaseUrl);
  if (request.seedDemo) {
    const { seedDemo } = await import('../../prisma/seed');
    await seedDemo(request.databaseUrl);
  }
  await send({ kind: 'migrated', result });
}

// The supervisor is gone (killed): nothing to prepare for.
process.on('disconnect', () => process.exit(1));
process.once('message', (request: PrepareRequest) => {
  migrate(request).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`foresail: preparing the database failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
});
await send({ kind: 'config', config });
loadModules().catch(() => undefined); // a failure is reported when the request arrives
