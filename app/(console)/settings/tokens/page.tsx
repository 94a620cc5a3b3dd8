import type { Metadata } from 'next';
import { TokenManager } from '@/components/settings/token-manager';
import { requirePageUser } from '@/lib/auth/page-session';
import { listApiTokens } from '@/lib/db/api-tokens';
import { getConfig } from '@/lib/env';

export const metadata: Metadata = { title: 'API tokens' };
export const dynamic = 'force-dynamic';

export default async function TokensPage() {
  const user = await requirePageUser();
  const tokens = await listApiTokens(user.isAdmin ? undefined : user.login);
  return <TokenManager initial={tokens} myRoles={[...user.roles]} me={user.login} maxDays={getConfig().auth.tokenMaxDays} />;
}
