import { audited } from '@/lib/audit';
import { requireUser } from '@/lib/auth/session';
import { findApiToken, revokeApiToken } from '@/lib/db/api-tokens';
import { NotFoundError } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http';
import { requestMeta } from '@/lib/request-meta';

/** Revokes a token: its owner or an administrator. Others get 404 (no probing of token ids). */
export const DELETE = apiRoute<{ id: string }>('/api/v1/tokens/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  const token = await findApiToken(params.id);
  if (!token || (token.owner !== user.login && !user.isAdmin)) throw new NotFoundError(`Token ${params.id} not found`);
  const revoked = await audited(requestMeta(req), user, { action: 'token.revoke', targetType: 'token', targetId: token.id, details: { name: token.name, owner: token.owner } }, () => revokeApiToken(token.id, user.login));
  return json(revoked);
});
