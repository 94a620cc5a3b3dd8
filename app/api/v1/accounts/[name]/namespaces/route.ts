import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { findVisibleAccount, listAccountNamespaces } from '@/lib/services/accounts';

export const GET = apiRoute<{ name: string }>('/api/v1/accounts/[name]/namespaces', async ({ req, params }) => {
  const user = await requireUser(req);
  return json(await listAccountNamespaces(findVisibleAccount(user, params.name)));
});
