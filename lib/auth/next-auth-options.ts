import 'server-only';
import type { NextAuthOptions, Profile } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider, { type GithubProfile } from 'next-auth/providers/github';
import { recordAudit } from '../db/audit';
import { getConfig } from '../env';
import { getLogger } from '../log';
import { findDemoPersona } from '../demo/personas';
import { directoryBindsById, directoryRequiresEntry, lookupPerson } from './directory';
import { isDirectoryUnavailable } from './directory-provider';
import { checkMembership, needsMembership } from './github-membership';
import { githubUrls } from './github-urls';
import { sessionOptions } from './session-cookie';

/** Reasons a sign-in is refused; the login page turns each into words. */
export type SignInRefusal = 'ldap_unavailable' | 'not_in_directory' | 'demo_not_in_directory' | 'not_configured' | 'no_login' | 'not_in_organization' | 'github_unavailable';

interface RequestInfo {
  sourceIp: string | null;
}

/**
 * The name a GitHub user without a directory entry goes by (only when `ldap.requireEntry` is off):
 * their login in login-binding mode, else their id, so a later holder of the same login is not them.
 */
function entrylessName(github: GithubProfile): string {
  return directoryBindsById(getConfig().auth) ? `github:${github.id}` : github.login;
}

/**
 * next-auth v4 configuration, built per request so audit rows carry the caller's address.
 * GitHub proves who someone is (by their immutable numeric id; the login is only shown); LDAP
 * (read at sign-in and refreshed later) says who that is in the company and what they may do.
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
        authorization: { url: urls.authorize, params: { scope: ['read:user', 'user:email', ...(needsMembership(auth.github) ? ['read:org'] : [])].join(' ') } },
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
    // Demo mode (loopback only): anyone may be any demo person, without a password; what they may
    // do still comes from the directory's groups, exactly as for a real person.
    providers.push(
      CredentialsProvider({
        id: 'demo',
        name: 'Demo person',
        credentials: { persona: { label: 'Demo person', type: 'text' } },
        authorize: async (credentials) => {
          const persona = findDemoPersona(credentials?.persona ?? '');
          return persona ? { id: persona.login, name: persona.name, email: null } : null;
        },
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
      async signIn({ account, profile, user }) {
        if (account?.provider === 'demo') {
          if (!auth.demo || !findDemoPersona(user.id)) return '/login?error=not_configured';
          const details = { provider: 'demo' };
          try {
            const found = await lookupPerson({ username: user.id }, 0);
            if (found.kind === 'no-entry') return refuse(user.id, 'demo_not_in_directory', undefined, details);
          } catch (err) {
            if (isDirectoryUnavailable(err)) return refuse(user.id, 'ldap_unavailable', err.reason, details);
            throw err;
          }
          await audit(user.id, 'success', details);
          return true;
        }
        const github = profile as GithubProfile | undefined;
        if (!github?.login || typeof github.id !== 'number') return refuse(github?.login ?? 'unknown', 'no_login');
        const details = { githubId: github.id, githubLogin: github.login };
        if (auth.github) {
          const membership = await checkMembership(githubUrls(auth.github).api, account?.access_token ?? '', auth.github);
          if (!membership.ok) return refuse(github.login, membership.reason, membership.detail, details);
        }
        let name = entrylessName(github);
        try {
          const found = await lookupPerson({ githubId: github.id, githubLogin: github.login }, 0);
          if (found.kind === 'no-entry' && directoryRequiresEntry(auth)) return refuse(github.login, 'not_in_directory', undefined, details);
          if (found.kind === 'found') name = found.username;
        } catch (err) {
          if (isDirectoryUnavailable(err)) return refuse(github.login, 'ldap_unavailable', err.reason, details);
          throw err;
        }
        await audit(name, 'success', { provider: 'github', ...details });
        return true;
      },
      async jwt({ token, account, profile, user }) {
        if (!account) return token; // an existing session: nothing to add
        const now = Date.now();
        if (account.provider === 'demo') {
          // The lookup signIn just made (a minute's cache): the same entry, so the same groups.
          const found = await lookupPerson({ username: user.id }, 60_000);
          const groups = found.kind === 'found' ? found.groups : [];
          return { ...token, login: user.id, name: user.name ?? user.id, email: null, groups, groupsAt: now, sessionStart: now, demo: true };
        }
        const github = profile as GithubProfile;
        // The lookup signIn just made (a minute's cache): the same entry, so the same name and groups.
        const found = await lookupPerson({ githubId: github.id, githubLogin: github.login }, 60_000);
        return {
          ...token,
          login: found.kind === 'found' ? found.username : entrylessName(github),
          githubId: github.id,
          githubLogin: github.login,
          name: github.name ?? github.login,
          email: github.email ?? null,
          groups: found.kind === 'found' ? found.groups : [],
          groupsAt: now,
          sessionStart: now,
        };
      },
    },
  };

  async function refuse(login: string, reason: SignInRefusal, detail?: string, details: Record<string, unknown> = {}): Promise<string> {
    log.warn({ login, reason, detail, ...details }, 'sign-in refused');
    await audit(login, 'refused', { reason, ...(detail ? { detail } : {}), ...details });
    return `/login?error=${reason}`;
  }
}
