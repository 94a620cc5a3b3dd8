import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { describeAccount, findVisibleAccount } from '@/lib/services/accounts';

export const GET = apiRoute<{ name: string }>('/api/v1/accounts/[name]', async ({ req, params }) => {
  const user = await requireUser(req);
  return json(await describeAccount(user, findVisibleAccount(user, params.name)));
});
