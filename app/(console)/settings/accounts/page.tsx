import type { Metadata } from 'next';
import { AccountsTable } from '@/components/settings/accounts-table';
import { requirePageUser } from '@/lib/auth/page-session';
import { describeAccount, visibleAccounts } from '@/lib/services/accounts';

export const metadata: Metadata = { title: 'Accounts' };
export const dynamic = 'force-dynamic';

export default async function AccountsPage() {
  const user = await requirePageUser();
  // Probed concurrently with a short timeout and cached ~15 s, so a dead cluster does not stall the page.
  const accounts = await Promise.all(visibleAccounts(user).map((account) => describeAccount(user, account)));
  return (
    <section aria-labelledby="accounts-heading">
      <h2 id="accounts-heading" className="mb-3 text-sm font-semibold">Kubernetes accounts</h2>
      <AccountsTable accounts={accounts} />
    </section>
  );
}
