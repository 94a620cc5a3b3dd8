/**
 * Demo data for `npm run demo`: the goldengoose story (lib/demo/seed). Idempotent, so restarting the
 * demo keeps whatever people changed.
 */
import { seedGoldengoose } from '../lib/demo/seed/database';
import { getConfig, reloadConfig } from '../lib/env';
import { getLogger } from '../lib/log';

export async function seedDemo(databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  reloadConfig();
  const report = await seedGoldengoose({ dataDir: getConfig().dataDir });
  const log = getLogger().child({ component: 'seed' });
  if (report.created.length > 0) log.info({ created: report.created, kept: report.kept }, `seeded the goldengoose story: ${report.created.join(', ')}`);
  else log.info('demo data already present; left as it is');
}
