import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { NextAuthOptions } from 'next-auth';
import { getToken, type JWT } from 'next-auth/jwt';
import { getServerSession } from 'next-auth/next';
import { NextRequest } from 'next/server';
import { getConfig } from '../env';
import { getLogger } from '../log';

/**
 * The session cookie, read and re-issued only through next-auth's own helpers: a JWT over ~4 KB
 * (someone in many LDAP groups) is split into `<name>.0`, `<name>.1`, …, and a malformed `%`
 * sequence must mean "signed out", never an error. Used by lib/auth/session.ts and proxy.ts.
 */

export function isSecureDeployment(): boolean {
  return (getConfig().server.baseUrl ?? '').startsWith('https://');
}

export function sessionCookieName(): string {
  return isSecureDeployment() ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

/** How next-auth signs, encrypts and ages sessions: one definition for sign-in and renewal. */
export function sessionOptions(): Pick<NextAuthOptions, 'secret' | 'session' | 'jwt' | 'useSecureCookies'> {
  const { auth } = getConfig();
  return {
    secret: auth.sessionSecret,
    session: { strategy: 'jwt', maxAge: auth.sessionIdleSeconds },
    jwt: { maxAge: auth.sessionIdleSeconds },
    useSecureCookies: isSecureDeployment(),
  };
}

/** The decoded session cookie (all chunks), or null when absent, malformed, tampered with or expired. */
export async function readSessionToken(headers: Headers): Promise<JWT | null> {
  const secret = getConfig().auth.sessionSecret;
  if (!secret) return null;
  // Cookies parsed the way Next parses them: a value that is not valid %-encoding is skipped.
  const req = new NextRequest('http://foresail.invalid/', { headers });
  const name = sessionCookieName();
  // getToken falls back to `Authorization: Bearer <JWT>`; Foresail's Authorization header holds API tokens only.
  if (!req.cookies.getAll().some((cookie) => cookie.name.startsWith(name))) return null;
  return getToken({ req, secret, cookieName: name, secureCookie: isSecureDeployment() }).catch(() => null);
}

/**
 * Re-issues the session with a fresh expiry, exactly as next-auth's session endpoint does (same
 * claims, new iat/exp, split into chunks as needed, left-over chunks expired). Returns Set-Cookie values.
 */
export async function renewSessionCookies(headers: Headers): Promise<string[]> {
  const parsed = new NextRequest('http://foresail.invalid/', { headers }).cookies.getAll();
  const req = Object.assign(new IncomingMessage(new Socket()), { cookies: Object.fromEntries(parsed.map((c) => [c.name, c.value])) });
  req.headers = Object.fromEntries(headers);
  const res = new ServerResponse(req);
  const quiet = () => undefined;
  const error = (code: string) => getLogger().warn({ code }, 'session renewal failed');
  await getServerSession(req, res, { ...sessionOptions(), providers: [], logger: { error, warn: quiet, debug: quiet } });
  const set = res.getHeader('set-cookie');
  // next-auth also mints its CSRF and callback cookies on the way; only the session's belong here.
  return (Array.isArray(set) ? set : typeof set === 'string' ? [set] : []).filter((cookie) => cookie.startsWith(sessionCookieName()));
}
