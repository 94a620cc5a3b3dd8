import 'server-only';
import type { NextAuthOptions, Profile } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider, { type GithubProfile } from 'next-auth/providers/github';
import { recordAudit } from '../db/audit';
import { getConfig } from '../env';
import { getLogger } from '../log';
import { demoLogin } from './claims';
import { lookupGroups } from './directory';
import { githubUrls } from './github-urls';
import { isDirectoryUnavailable } from './ldap';
import { sessionOptions } from './session-cookie';

/** Reasons a sign-in is refused; the login page turns each into words. */
export type SignInRefusal = 'ldap_unavailable' | 'not_in_directory' | 'not_configured' | 'no_login';

interface RequestInfo {
  sourceIp: string | null;
}

/**
 * next-auth v4 configuration, built per request so audit rows carry the caller's address.
 * GitHub proves who someone is; LDAP (read at sign-in and refreshed later) decides what they may do.
 */
export function buildAuthOptions(request: RequestInfo): NextAuthOptions {
  const { auth } = getConfig();
  const log = getLogger().child({ component: 'auth' });
  const providers: NextAuthOptions['providers'] = [];
  if (auth.github) {
    const urls = githubUrls(auth.github);
    providers.push(
      GitHubProvider({
        clientId: auth.github.clientId,
        clientSecret: auth.github.clientSecret,
        issuer: urls.issuer,
        authorization: { url: urls.authorize, params: { scope: 'read:user user:email' } },
        token: urls.token,
        // next-auth's default fetches /user/emails from api.github.com whatever the configuration says.
        userinfo: {
          url: `${urls.api}/user`,
          async request({ tokens }) {
            const headers = { Authorization: `Bearer ${tokens.access_token ?? ''}`, Accept: 'application/vnd.github+json' };
            const res = await fetch(`${urls.api}/user`, { headers, signal: AbortSignal.timeout(10_000) });
            if (!res.ok) throw new Error(`GitHub /user answered ${res.status}`);
            const profile = (await res.json()) as GithubProfile;
            if (!profile.email) {
              const emails = await fetch(`${urls.api}/user/emails`, { headers, signal: AbortSignal.timeout(10_000) });
              if (emails.ok) {
                const list = (await emails.json()) as { email: string; primary: boolean; verified: boolean }[];
                profile.email = (list.find((e) => e.primary && e.verified) ?? list.find((e) => e.verified))?.email ?? null;
              }
            }
            return { ...profile, name: profile.name ?? undefined, email: profile.email ?? undefined } satisfies Profile;
          },
        },
      }),
    );
  }
  if (auth.demo) {
    providers.push(
      CredentialsProvider({
        id: 'demo',
        name: 'Demo user',
        credentials: {},
        authorize: async () => ({ id: demoLogin, name: 'Demo user', email: null }),
      }),
    );
  }

  const audit = (actor: string, outcome: 'success' | 'refused', details: Record<string, unknown>) =>
    recordAudit({ actor, action: 'auth.sign-in', targetType: 'session', targetId: actor, outcome, sourceIp: request.sourceIp, details }).catch((err: unknown) =>
      log.error({ err: String(err) }, 'audit write failed'),
    );

  return {
    ...sessionOptions(),
    providers,
    pages: { signIn: '/login', error: '/login' },
    logger: {
      error: (code, metadata) => log.warn({ code, error: metadata instanceof Error ? metadata.message : undefined }, 'next-auth error'),
      warn: (code) => log.warn({ code }, 'next-auth warning'),
      debug: () => undefined,
    },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider === 'demo') {
          if (!auth.demo) return '/login?error=not_configured';
          await audit(demoLogin, 'success', { provider: 'demo' });
          return true;
        }
        const login = (profile as GithubProfile | undefined)?.login;
        if (!login) return refuse('unknown', 'no_login');
        try {
          const found = await lookupGroups(login, 0);
          if (found.kind === 'no-entry' && auth.ldap?.requireEntry !== false) return refuse(login, 'not_in_directory');
        } catch (err) {
          if (isDirectoryUnavailable(err)) return refuse(login, 'ldap_unavailable', err.reason);
          throw err;
        }
        await audit(login, 'success', { provider: 'github' });
        return true;
      },
      async jwt({ token, account, profile, user }) {
        if (!account) return token; // an existing session: nothing to add
        const now = Date.now();
        if (account.provider === 'demo') {
          return { ...token, login: demoLogin, name: user.name ?? 'Demo user', email: null, groups: [], groupsAt: now, sessionStart: now, demo: true };
        }
        const github = profile as GithubProfile;
        const found = await lookupGroups(github.login, 60_000);
        return {
          ...token,
          login: github.login,
          name: github.name ?? github.login,
          email: github.email ?? null,
          groups: found.kind === 'found' ? found.groups : [],
          groupsAt: now,
          sessionStart: now,
        };
      },
    },
  };

  async function refuse(login: string, reason: SignInRefusal, detail?: string): Promise<string> {
    log.warn({ login, reason, detail }, 'sign-in refused');
    await audit(login, 'refused', { reason, ...(detail ? { detail } : {}) });
    return `/login?error=${reason}`;
  }
}
