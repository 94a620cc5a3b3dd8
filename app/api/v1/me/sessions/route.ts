import { audited } from '@/lib/audit';
import { forgetRevocation, requireUser } from '@/lib/auth/session';
import { revokeSessions } from '@/lib/db/sessions';
import { apiRoute } from '@/lib/http';
import { requestMeta } from '@/lib/request-meta';

/** Sign out everywhere: every session of the caller, on every device, stops working now. */
export const DELETE = apiRoute('/api/v1/me/sessions', async ({ req }) => {
  const user = await requireUser(req);
  await audited(requestMeta(req), user, { action: 'auth.sign-out-everywhere', targetType: 'session', targetId: user.login }, async () => {
    await revokeSessions(user.login);
    forgetRevocation(user.login);
  });
  return new Response(null, { status: 204 });
});
