import { decode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { testOrigin, testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { proxy } from '@/proxy';
import { getPrincipal } from './session';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

const manyGroups = Array.from({ length: 200 }, (_, i) => `team-${String(i).padStart(3, '0')}-deployers`);
// next-auth v4 splits a cookie value over 3933 characters into `<name>.0`, `<name>.1`, … (core/lib/cookie.js).
const chunked = (value: string) =>
  Array.from({ length: Math.ceil(value.length / 3933) }, (_, i) => `next-auth.session-token.${i}=${value.slice(i * 3933, (i + 1) * 3933)}`).join('; ');
const page = (cookie?: string) => proxy(new NextRequest(`${testOrigin}/applications/shop?tab=runs`, { headers: cookie ? { cookie } : {} }));
const isLoginRedirect = (res: Response) => res.status === 307 && res.headers.get('location') === `${testOrigin}/login?callbackUrl=%2Fapplications%2Fshop%3Ftab%3Druns`;

/** A session cookie minted `ageMs` ago (its iat is in the past, as after minutes of use). */
async function oldSession(ageMs: number, groups: string[]): Promise<string> {
  const now = Date.now();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now - ageMs);
  try {
    // Groups just refreshed, so the directory is not asked and the cookie's 200 groups stand.
    return await sessionCookie({ login: 'bob', groups, secret: testSecret, groupsAt: now });
  } finally {
    vi.useRealTimers();
  }
}

/** The cookies a response sets, as a Cookie header a browser would send next (expired ones dropped). */
function nextCookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .filter((c) => !/max-age=0|expires=thu, 01 jan 1970/i.test(c))
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('proxy', () => {
  it('sends anonymous page views to sign in, with their way back', async () => {
    expect(isLoginRedirect(await page())).toBe(true);
  });

  it('lets a session split over several cookies through (200 LDAP groups)', async () => {
    const value = await sessionCookie({ login: 'bob', groups: manyGroups, secret: testSecret });
    const res = await page(chunked(value));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });

  it('treats a malformed cookie as signed out', async () => {
    expect(isLoginRedirect(await page('next-auth.session-token=%E0%A4%A'))).toBe(true);
    expect(isLoginRedirect(await page('next-auth.session-token.0=%zz; next-auth.session-token.1=abc'))).toBe(true);
  });

  it('renews a large session in chunks that read back as the same session', async () => {
    const start = Date.now() - 600_000;
    const value = await oldSession(600_000, manyGroups);
    const res = await page(chunked(value));
    expect(res.headers.get('x-middleware-next')).toBe('1');
    const renewed = nextCookieHeader(res);
    expect(renewed).toMatch(/next-auth\.session-token\.1=/);
    expect(renewed).not.toContain(value.slice(0, 100));
    const user = await getPrincipal(new Headers({ cookie: renewed }));
    expect(user).toMatchObject({ login: 'bob', via: 'session' });
    expect(user?.groups).toHaveLength(200);
    // The renewed cookie is not older than 5 minutes, so the next page view leaves it alone.
    expect((await page(renewed)).headers.getSetCookie()).toEqual([]);
    // The absolute lifetime still counts from the original sign-in.
    const joined = renewed.split('; ').map((c) => c.slice(c.indexOf('=') + 1)).join('');
    const claims = await decode({ token: joined, secret: testSecret });
    expect(Math.abs(Number(claims?.sessionStart) - start)).toBeLessThan(5_000);
  });

  it('renews a small session too, and leaves a fresh one alone', async () => {
    const res = await page(cookieHeader(await oldSession(600_000, ['developers'])));
    expect(nextCookieHeader(res)).toMatch(/^next-auth\.session-token=/);
    expect((await page(cookieHeader(await sessionCookie({ login: 'bob', groups: ['developers'], secret: testSecret })))).headers.getSetCookie()).toEqual([]);
  });
});
