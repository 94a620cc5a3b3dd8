import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { kayentaAccount, usableMetricsAccounts } from '@/lib/services/metrics-accounts';

/** Kayenta's account list as Gate proxies it (Deck's canary stage offers these): only the metrics accounts the caller may use. */
export const GET = apiRoute('/api/gate/v2/canaries/credentials', async ({ req }) => {
  const user = await requireUser(req);
  return json(usableMetricsAccounts(user).map(kayentaAccount));
});
