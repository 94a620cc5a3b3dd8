import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { gateAccount, visibleAccounts } from '@/lib/services/accounts';

export const GET = apiRoute('/api/gate/credentials', async ({ req }) => {
  const user = await requireUser(req);
  return json(visibleAccounts(user).map((a) => gateAccount(a, false)));
});
