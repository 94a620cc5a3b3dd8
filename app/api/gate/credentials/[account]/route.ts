import { requireUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http';
import { gateAccount, visibleAccounts } from '@/lib/services/accounts';

export const GET = apiRoute<{ account: string }>('/api/gate/credentials/[account]', async ({ req, params }) => {
  const user = await requireUser(req);
  const account = visibleAccounts(user).find((a) => a.name === params.account);
  if (!account) throw new NotFoundError(`Account ${params.account} not found`);
  return json(gateAccount(account, true));
});
