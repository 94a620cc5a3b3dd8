import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { demoWorldStatus } from '@/lib/world/demo-status';

export const dynamic = 'force-dynamic';

/** The demo world's parts and whether it is ready; signed-in users only, 404 unless `npm run demo`. */
export const GET = apiRoute('/api/v1/demo/world', async ({ req }) => {
  await requireUser(req);
  return json(demoWorldStatus(), { headers: { 'cache-control': 'no-store' } });
});
