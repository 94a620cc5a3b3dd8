import { audited } from '@/lib/audit';
import { generateToken } from '@/lib/auth/token-format';
import { createTokenSchema } from '@/lib/auth/token-schema';
import { requireUser } from '@/lib/auth/session';
import { insertApiToken, listApiTokens } from '@/lib/db/api-tokens';
import { getConfig } from '@/lib/env';
import { ForbiddenError, InputError } from '@/lib/errors';
import { apiRoute, json, readJson } from '@/lib/http';

/** Your tokens; administrators see everyone's with ?all=true. */
export const GET = apiRoute('/api/v1/tokens', async ({ req }) => {
  const user = await requireUser(req);
  const all = new URL(req.url).searchParams.get('all') === 'true';
  if (all && !user.isAdmin) throw new ForbiddenError('Only administrators may list everyone’s tokens');
  return json(await listApiTokens(all ? undefined : user.login));
});

/** Creates a token holding some of your roles (all of them when `roles` is left out). The token itself is in this response only. */
export const POST = apiRoute('/api/v1/tokens', async ({ req }) => {
  const user = await requireUser(req);
  const body = await readJson(req, createTokenSchema);
  const input = { ...body, roles: body.roles ?? user.roles };
  const maxDays = getConfig().auth.tokenMaxDays;
  const created = await audited(req, user, { action: 'token.create', targetType: 'token', details: { name: input.name, roles: input.roles } }, async () => {
    // A token may not mint tokens: it would outlive its own expiry and revocation.
    if (user.via === 'token') throw new ForbiddenError('API tokens cannot create tokens; sign in to create one');
    if (user.roles.length === 0) throw new ForbiddenError('You hold no roles, so a token would grant nothing');
    const foreign = input.roles.filter((role) => !user.roles.includes(role));
    if (foreign.length > 0) throw new InputError(`A token can only hold roles you hold; you do not hold: ${foreign.join(', ')}`, [{ path: 'roles', message: `not yours: ${foreign.join(', ')}` }]);
    if (input.expiresInDays > maxDays) throw new InputError(`Tokens may live at most ${maxDays} days`, [{ path: 'expiresInDays', message: `at most ${maxDays}` }]);
    const { id, token, secretHash } = generateToken();
    const record = await insertApiToken({ id, name: input.name, owner: user.login, roles: [...new Set(input.roles)].sort(), secretHash, expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000) });
    return { ...record, token };
  });
  return json(created, { status: 201 });
});
