import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { visibleAccounts } from '@/lib/services/accounts';

/** `spin account whoami`: Gate's User shape. */
export const GET = apiRoute('/api/gate/auth/user', async ({ req }) => {
  const user = await requireUser(req);
  const [firstName = '', ...rest] = (user.name ?? '').split(' ');
  return json({
    username: user.login,
    email: user.email ?? '',
    firstName,
    lastName: rest.join(' '),
    roles: user.roles,
    allowedAccounts: visibleAccounts(user).map((a) => a.name),
    authorities: user.roles.map((role) => ({ authority: role })),
    enabled: true,
    accountNonExpired: true,
    accountNonLocked: true,
    credentialsNonExpired: true,
  });
});
