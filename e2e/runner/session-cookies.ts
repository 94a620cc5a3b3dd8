import { encode } from 'next-auth/jwt';

export interface CookieOptions {
  login: string;
  groups: string[];
  secret: string;
  /** Seconds until the cookie expires (negative: already expired). */
  maxAge?: number;
  groupsAt?: number;
  sessionStart?: number;
  demo?: boolean;
}

/** A session cookie exactly as next-auth writes it after Foresail's jwt callback (for server-side tests). */
export async function sessionCookie(options: CookieOptions): Promise<string> {
  const now = Date.now();
  return encode({
    secret: options.secret,
    maxAge: options.maxAge ?? 3600,
    token: {
      login: options.login,
      name: options.login,
      email: `${options.login}@example.com`,
      groups: options.groups,
      groupsAt: options.groupsAt ?? now,
      sessionStart: options.sessionStart ?? now,
      ...(options.demo ? { demo: true } : {}),
    },
  });
}

export const cookieHeader = (value: string) => `next-auth.session-token=${value}`;
