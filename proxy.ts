import { NextResponse, type NextRequest } from 'next/server';
import { readSessionToken, renewSessionCookies } from './lib/auth/session-cookie';

/**
 * Two conveniences, never a security boundary (every page and route checks on the server):
 * anonymous page requests go to /login with their way back, and an active session's cookie is
 * re-issued with a fresh expiry (rolling sessions) once it is a few minutes old.
 */
const rollAfterSeconds = 300;

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const token = await readSessionToken(req.headers);
  if (!token) {
    const login = new URL('/login', req.url);
    login.searchParams.set('callbackUrl', `${req.nextUrl.pathname}${req.nextUrl.search}`);
    return NextResponse.redirect(login);
  }
  const response = NextResponse.next();
  if (typeof token.iat === 'number' && Date.now() / 1000 - token.iat > rollAfterSeconds) {
    // sessionStart (the absolute limit) is a claim, so it carries over; iat and exp are new.
    for (const cookie of await renewSessionCookies(req.headers)) response.headers.append('set-cookie', cookie);
  }
  return response;
}

export const config = {
  // Pages only: API routes answer 401 themselves; static files and the login page stay reachable.
  matcher: ['/((?!api/|_next/|login|favicon\\.svg|.*\\.(?:png|svg|ico|css|js)$).*)'],
};
