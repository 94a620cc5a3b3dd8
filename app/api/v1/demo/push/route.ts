import { requireUser } from '@/lib/auth/session';
import { demoPushRequestSchema } from '@/lib/demo/push/request';
import { assertMayPush, demoPush } from '@/lib/demo/push/service';
import { apiRoute, json, readJson } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * "Push a change" (demo mode only): records a commit of example/goldengoose with the chosen profile and
 * sends GitHub's signed push webhook for it to this Foresail. 202 with the commit, its image and how
 * the webhook answered; 404 outside the demo; 403 without EXECUTE on goldengoose.
 */
export const POST = apiRoute('/api/v1/demo/push', async ({ req }) => {
  const user = await requireUser(req);
  await assertMayPush(user);
  const input = await readJson(req, demoPushRequestSchema);
  const result = await demoPush(user, input);
  return json(result, { status: 202 });
});
