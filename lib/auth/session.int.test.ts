import { beforeAll, describe, expect, it, vi } from 'vitest';
import { testOrigin, testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { call } from '@/e2e/runner/route-client';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { GET as meRoute } from '@/app/api/v1/me/route';
import { insertApiToken, revokeApiToken } from '../db/api-tokens';
import { getPool } from '../db/pool';
import { revokeSessions } from '../db/sessions';
import { ForbiddenError, NotAuthenticatedError } from '../errors';
import { generateToken } from './token-format';
import { forgetRevocation, getPrincipal, requireUser } from './session';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: ['developers'] });

const withCookie = (value: string) => new Headers({ cookie: cookieHeader(value) });
const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

async function token(owner: string, roles: string[], expiresAt = new Date(Date.now() + 3_600_000)) {
  const t = generateToken();
  await insertApiToken({ id: t.id, name: `${owner}-t`, owner, roles, secretHash: t.secretHash, expiresAt });
  return t;
}

describe('session cookies', () => {
  it('accepts a valid cookie and resolves roles from its groups', async () => {
    const user = await getPrincipal(withCookie(await sessionCookie({ login: 'alice', groups: ['admins', 'developers'], secret: testSecret })));
    expect(user).toMatchObject({ login: 'alice', roles: ['admins', 'developers'], isAdmin: true, via: 'session' });
  });

  it('refuses a cookie signed with another secret', async () => {
    const forged = await sessionCookie({ login: 'mallory', groups: ['admins'], secret: 'some-other-secret-that-is-also-long-enough' });
    expect(await getPrincipal(withCookie(forged))).toBeNull();
  });

  it('refuses a tampered cookie (any changed byte)', async () => {
    const good = await sessionCookie({ login: 'alice', groups: ['admins'], secret: testSecret });
    for (const at of [5, Math.floor(good.length / 2), good.length - 3]) {
      const bad = good.slice(0, at) + (good[at] === 'x' ? 'y' : 'x') + good.slice(at + 1);
      expect(await getPrincipal(withCookie(bad))).toBeNull();
    }
    expect(await getPrincipal(withCookie('not.a.jwt'))).toBeNull();
    expect(await getPrincipal(withCookie(''))).toBeNull();
  });

  it('refuses an expired cookie', async () => {
    expect(await getPrincipal(withCookie(await sessionCookie({ login: 'alice', groups: ['admins'], secret: testSecret, maxAge: -60 })))).toBeNull();
  });

  it('refuses a session older than the absolute limit, however active', async () => {
    const old = await sessionCookie({ login: 'alice', groups: ['admins'], secret: testSecret, sessionStart: Date.now() - 8 * 86_400_000 });
    expect(await getPrincipal(withCookie(old))).toBeNull();
  });

  it('refuses demo-mode cookies when demo mode is off', async () => {
    expect(await getPrincipal(withCookie(await sessionCookie({ login: 'demo', groups: [], secret: testSecret, demo: true })))).toBeNull();
  });

  it('re-reads stale groups from LDAP: the directory wins over the cookie', async () => {
    // The cookie claims admins, but its groups are old; bob is not an admin in LDAP.
    const stale = await sessionCookie({ login: 'bob', groups: ['admins'], secret: testSecret, groupsAt: Date.now() - 3_600_000 });
    const user = await getPrincipal(withCookie(stale));
    expect(user).toMatchObject({ login: 'bob', roles: ['developers', 'release-managers'], isAdmin: false });
  });

  it('binds a session to the GitHub id: a session from before id binding must sign in again', async () => {
    expect(await getPrincipal(withCookie(await sessionCookie({ login: 'bob', groups: ['developers'], secret: testSecret, githubId: null })))).toBeNull();
  });

  it('refreshes groups by GitHub id, and grants nothing when that id now belongs to another entry', async () => {
    const renamed = await sessionCookie({ login: 'bob', groups: [], secret: testSecret, groupsAt: 0 });
    expect(await getPrincipal(withCookie(renamed))).toMatchObject({ login: 'bob', roles: ['developers', 'release-managers'] });
    // A session named bob whose GitHub id is alice's: the directory says that id is alice, not bob.
    const mismatched = await sessionCookie({ login: 'bob', groups: [], secret: testSecret, groupsAt: 0, githubId: 1001 });
    expect(await getPrincipal(withCookie(mismatched))).toMatchObject({ login: 'bob', roles: [], groupsError: 'bob no longer has an entry in the directory' });
  });

  it('ends every session of a person signed out everywhere', async () => {
    const before = await sessionCookie({ login: 'carol', groups: [], secret: testSecret, sessionStart: Date.now() - 1000 });
    expect(await getPrincipal(withCookie(before))).not.toBeNull();
    await revokeSessions('carol');
    forgetRevocation('carol');
    expect(await getPrincipal(withCookie(before))).toBeNull();
    const after = await sessionCookie({ login: 'carol', groups: [], secret: testSecret, sessionStart: Date.now() + 10 });
    expect(await getPrincipal(withCookie(after))).not.toBeNull();
  });
});

describe('large and malformed session cookies', () => {
  // next-auth v4 splits a cookie value over 3933 characters into `<name>.0`, `<name>.1`, … (core/lib/cookie.js).
  const chunked = (value: string) =>
    Array.from({ length: Math.ceil(value.length / 3933) }, (_, i) => `next-auth.session-token.${i}=${value.slice(i * 3933, (i + 1) * 3933)}`).join('; ');
  const manyGroups = Array.from({ length: 200 }, (_, i) => `team-${String(i).padStart(3, '0')}-deployers`);

  it('reads a session split over several cookies (200 LDAP groups)', async () => {
    const value = await sessionCookie({ login: 'bob', groups: manyGroups, secret: testSecret });
    expect(value.length).toBeGreaterThan(3933);
    const user = await getPrincipal(new Headers({ cookie: chunked(value) }));
    expect(user).toMatchObject({ login: 'bob', via: 'session' });
    expect(user?.groups).toHaveLength(200);
  });

  it('treats a malformed % sequence as signed out, not as an error', async () => {
    await expect(getPrincipal(new Headers({ cookie: 'next-auth.session-token=%E0%A4%A' }))).resolves.toBeNull();
    const me = await call(meRoute, { path: '/api/v1/me', headers: { cookie: 'next-auth.session-token=%zz%' } });
    expect(me.status).toBe(401);
  });

  it('is not confused by a malformed unrelated cookie', async () => {
    const value = await sessionCookie({ login: 'alice', groups: ['admins'], secret: testSecret });
    expect(await getPrincipal(new Headers({ cookie: `tracking=%E0%A4%A; ${cookieHeader(value)}` }))).toMatchObject({ login: 'alice' });
  });
});

describe('API tokens', () => {
  it('hold their roles, never more than the owner holds in LDAP now', async () => {
    // alice is admins + developers in LDAP; the token asks for developers and a role she lacks.
    const t = await token('alice', ['developers', 'release-managers']);
    expect(await getPrincipal(bearer(t.token))).toMatchObject({ login: 'alice', roles: ['developers'], isAdmin: false, via: 'token' });
  });

  it('carry admin only when the token holds the admin role', async () => {
    const t = await token('alice', ['admins']);
    expect((await getPrincipal(bearer(t.token)))?.isAdmin).toBe(true);
  });

  it('work as the password of HTTP Basic, as spin sends them', async () => {
    const t = await token('bob', ['developers']);
    const basic = new Headers({ authorization: `Basic ${Buffer.from(`bob:${t.token}`).toString('base64')}` });
    expect((await getPrincipal(basic))?.roles).toEqual(['developers']);
  });

  it('are refused when expired, revoked, wrong or malformed', async () => {
    const expired = await token('bob', ['developers'], new Date(Date.now() - 1));
    expect(await getPrincipal(bearer(expired.token))).toBeNull();
    const revoked = await token('bob', ['developers']);
    await revokeApiToken(revoked.id, 'bob');
    expect(await getPrincipal(bearer(revoked.token))).toBeNull();
    const wrong = await token('bob', ['developers']);
    expect(await getPrincipal(bearer(`fst_${wrong.id}_${'A'.repeat(43)}`))).toBeNull();
    expect(await getPrincipal(bearer('fst_nope'))).toBeNull();
  });

  it('record their use when the last one recorded is over a minute old, and stay revocable at once', async () => {
    const t = await token('bob', ['developers']);
    const lastUsed = async () => (await getPool().query<{ at: Date | null }>('SELECT last_used_at AS at FROM api_tokens WHERE id = $1', [t.id])).rows[0]?.at ?? null;
    const stale = new Date(Date.now() - 5 * 60_000);
    await getPool().query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [t.id, stale]);
    expect(await getPrincipal(bearer(t.token))).toMatchObject({ login: 'bob', via: 'token' });
    // The use is recorded beside the request, not before its answer.
    await vi.waitFor(async () => expect((await lastUsed())?.getTime()).toBeGreaterThan(stale.getTime()), { timeout: 10_000 });
    // Just used: the next request reads the row again, so revocation still takes effect at once.
    await revokeApiToken(t.id, 'bob');
    expect(await getPrincipal(bearer(t.token))).toBeNull();
  });

  it('are judged alone: a bad token is not rescued by a good cookie', async () => {
    const headers = new Headers({ authorization: 'Bearer fst_bad', cookie: cookieHeader(await sessionCookie({ login: 'alice', groups: ['admins'], secret: testSecret })) });
    expect(await getPrincipal(headers)).toBeNull();
  });

  it('give an owner removed from the directory no roles', async () => {
    const t = await token('erin', ['developers']);
    expect(await getPrincipal(bearer(t.token))).toMatchObject({ roles: [], groupsError: 'erin no longer has an entry in the directory' });
  });
});

describe('CSRF protection for cookie sessions', () => {
  let cookie = '';
  beforeAll(async () => {
    cookie = cookieHeader(await sessionCookie({ login: 'alice', groups: ['admins'], secret: testSecret }));
  });
  const post = (headers: Record<string, string>) => new Request(`${testOrigin}/api/v1/applications`, { method: 'POST', headers: { cookie, ...headers } });

  it('lets same-origin mutations through', async () => {
    await expect(requireUser(post({ origin: testOrigin }))).resolves.toMatchObject({ login: 'alice' });
    await expect(requireUser(post({ referer: `${testOrigin}/applications` }))).resolves.toMatchObject({ login: 'alice' });
  });

  it('refuses cross-origin and origin-less mutations', async () => {
    await expect(requireUser(post({ origin: 'https://evil.example' }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requireUser(post({}))).rejects.toThrow(/no Origin header/);
    await expect(requireUser(post({ origin: testOrigin, 'sec-fetch-site': 'cross-site' }))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('needs no origin for reads, nor for API tokens', async () => {
    await expect(requireUser(new Request(`${testOrigin}/api/v1/applications`, { headers: { cookie } }))).resolves.toBeTruthy();
    const t = await token('alice', ['admins']);
    await expect(requireUser(new Request(`${testOrigin}/api/v1/applications`, { method: 'POST', headers: { authorization: `Bearer ${t.token}` } }))).resolves.toBeTruthy();
  });

  it('answers 401 to anonymous callers', async () => {
    await expect(requireUser(new Request(`${testOrigin}/api/v1/me`))).rejects.toBeInstanceOf(NotAuthenticatedError);
  });
});
