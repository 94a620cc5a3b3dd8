/**
 * Demo data for `npm run demo`: the "goldengoose" application from the seed story. Idempotent, so
 * restarting the demo keeps whatever people changed.
 */
import { createApplication, findApplication } from '../lib/db/applications';
import { getLogger } from '../lib/log';
import { reloadConfig } from '../lib/env';

export async function seedDemo(databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  reloadConfig();
  const log = getLogger().child({ component: 'seed' });
  if (await findApplication('goldengoose')) {
    log.info('demo data already present');
    return;
  }
  await createApplication({
    name: 'goldengoose',
    description: 'Demo service: every push to main is built, canaried against production and promoted only if its metrics hold up.',
    ownerEmail: 'release-managers@example.com',
    permissions: { READ: ['viewers', 'developers', 'release-managers'], WRITE: ['developers'], EXECUTE: ['release-managers'] },
  });
  log.info('seeded demo application goldengoose');
}
