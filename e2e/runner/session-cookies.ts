import { createHash } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { seedGitHubUsers } from '../github/users';

export interface CookieOptions {
  login: string;
  groups: string[];
  secret: string;
  /** Seconds until the cookie expires (negative: already expired). */
  maxAge?: number;
  groupsAt?: number;
  sessionStart?: number;
  demo?: boolean;
  /** The GitHub account id the session is bound to: the seed user's for seed logins, else one derived from the login; null: none (a session from before id binding). */
  githubId?: number | null;
}

/** A stable GitHub id per test login (seed people keep theirs, so the directory finds them by it). */
const githubIdOf = (login: string) => seedGitHubUsers.find((u) => u.login === login)?.id ?? 100_000 + (createHash('sha256').update(login).digest().readUInt32BE(0) % 1_000_000);

/** A session cookie exactly as next-auth writes it after Foresail's jwt callback (for server-side tests). */
export async function sessionCookie(options: CookieOptions): Promise<string> {
  const now = Date.now();
  return encode({
    secret: options.secret,
    maxAge: options.maxAge ?? 3600,
    token: {
      login: options.login,
      ...(options.demo || options.githubId === null ? {} : { githubId: options.githubId ?? githubIdOf(options.login), githubLogin: options.login }),
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
