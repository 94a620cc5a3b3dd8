import { decode, encode } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from './lib/env';

/**
 * Two conveniences, never a security boundary (every page and route checks on the server):
 * anonymous page requests go to /login with their way back, and an active session's cookie is
 * re-issued with a fresh expiry (rolling sessions) once it is a few minutes old.
 */
const rollAfterSeconds = 300;

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const { server, auth } = getConfig();
  const secure = (server.baseUrl ?? '').startsWith('https://');
  const cookieName = secure ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
  const cookie = req.cookies.get(cookieName)?.value;
  if (!cookie) {
    const login = new URL('/login', req.url);
    login.searchParams.set('callbackUrl', `${req.nextUrl.pathname}${req.nextUrl.search}`);
    return NextResponse.redirect(login);
  }
  const response = NextResponse.next();
  const secret = auth.sessionSecret;
  const idle = auth.sessionIdleSeconds;
  if (secret) {
    const token = await decode({ token: cookie, secret }).catch(() => null);
    const issuedAt = typeof token?.iat === 'number' ? token.iat : undefined;
    if (token && issuedAt && Date.now() / 1000 - issuedAt > rollAfterSeconds) {
      // iat/exp/jti are set afresh by encode; sessionStart (the absolute limit) is carried over.
      const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
      const fresh = await encode({ token: claims, secret, maxAge: idle });
      response.cookies.set(cookieName, fresh, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: idle });
    }
  }
  return response;
}

export const config = {
  // Pages only: API routes answer 401 themselves; static files and the login page stay reachable.
  matcher: ['/((?!api/|_next/|login|favicon\\.svg|.*\\.(?:png|svg|ico|css|js)$).*)'],
};
