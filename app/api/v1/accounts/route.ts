import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { describeAccount, visibleAccounts } from '@/lib/services/accounts';

export const GET = apiRoute('/api/v1/accounts', async ({ req }) => {
  const user = await requireUser(req);
  // Probes run concurrently and are cached, so one dead cluster costs at most its short timeout.
  return json(await Promise.all(visibleAccounts(user).map((account) => describeAccount(user, account))));
});
