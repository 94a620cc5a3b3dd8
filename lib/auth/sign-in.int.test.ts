import type { Account, Profile } from 'next-auth';
import type { GithubProfile } from 'next-auth/providers/github';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { useAuthConfig } from '@/e2e/runner/auth-test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { startGitHubStandIn } from '@/e2e/github/server';
import { signInAs } from '@/e2e/github/sign-in';
import { seedGitHubUsers, type GitHubUser } from '@/e2e/github/users';
import { readLdap } from '@/lib/world/endpoints';
import { buildAuthOptions } from './next-auth-options';

// The real sign-in callbacks, against the GitHub stand-in (real OAuth tokens) and the test slapd.
const gh = await startGitHubStandIn();
afterAll(() => gh.stop());
beforeEach(() => gh.reset());

const ldap = readLdap();
useTestDatabase();
useAuthConfig(
  { admin: ['admins'], createApplication: [] },
  {
    github: { clientId: gh.clientId, clientSecret: gh.clientSecret, baseUrl: gh.url, organization: 'foresail-test', teams: ['foresail-test/deployers', 'foresail-test/platform'] },
    ldap: { url: ldap.url, bindDn: ldap.bindDn, bindPassword: ldap.bindPassword, userBase: ldap.usersDn, refreshSeconds: 60, timeoutMs: 1500 },
  },
);

/** What next-auth hands the callbacks after GitHub's OAuth flow for `login`: the account (token) and the /user profile. */
async function githubSignIn(login: string, scope = 'read:user user:email read:org') {
  const authorize = `${gh.url}/login/oauth/authorize?${new URLSearchParams({ client_id: gh.clientId, redirect_uri: 'http://foresail.test/api/auth/callback/github', state: 's', scope })}`;
  const code = (await signInAs(authorize, login)).searchParams.get('code') ?? '';
  const res = await fetch(`${gh.url}/login/oauth/access_token`, { method: 'POST', headers: { Accept: 'application/json' }, body: new URLSearchParams({ client_id: gh.clientId, client_secret: gh.clientSecret, code }) });
  const { access_token: token } = (await res.json()) as { access_token: string };
  const profile = (await (await fetch(`${gh.url}/user`, { headers: { Authorization: `Bearer ${token}` } })).json()) as GithubProfile & Profile;
  const account: Account = { provider: 'github', type: 'oauth', providerAccountId: String(profile.id), access_token: token };
  return { account, profile, user: { id: String(profile.id) } };
}

async function signIn(login: string, scope?: string) {
  const callbacks = buildAuthOptions({ sourceIp: null }).callbacks;
  const flow = await githubSignIn(login, scope);
  const outcome = await callbacks?.signIn?.(flow);
  const token = outcome === true ? await callbacks?.jwt?.({ token: {}, ...flow }) : undefined;
  return { outcome, token };
}

const bob = seedGitHubUsers.find((u) => u.login === 'bob') as GitHubUser;

describe('GitHub sign-in', () => {
  it('binds the session to the GitHub id and names the person as the directory does', async () => {
    const { outcome, token } = await signIn('bob');
    expect(outcome).toBe(true);
    expect(token).toMatchObject({ login: 'bob', githubId: 1002, githubLogin: 'bob', groups: ['developers', 'release-managers'] });
  });

  it('still knows someone who renamed their GitHub account', async () => {
    gh.setUsers({ users: [...seedGitHubUsers.filter((u) => u.login !== 'bob'), { ...bob, login: 'bobby' }], replace: true });
    const { outcome, token } = await signIn('bobby');
    expect(outcome).toBe(true);
    expect(token).toMatchObject({ login: 'bob', githubId: 1002, githubLogin: 'bobby', groups: ['developers', 'release-managers'] });
  });

  it('refuses whoever registers a released login: the directory knows the id, not the name', async () => {
    gh.setUsers({ users: [{ ...bob, id: 5555 }] }); // same login "bob", another account
    expect((await signIn('bob')).outcome).toBe('/login?error=not_in_directory');
  });

  it('refuses people outside the required organisation or teams', async () => {
    expect((await signIn('alice')).outcome).toBe(true); // foresail-test/platform
    expect((await signIn('dave')).outcome).toBe('/login?error=not_in_organization'); // only foresail-test/observers
    expect((await signIn('eve-test')).outcome).toBe('/login?error=not_in_organization'); // not in foresail-test
  });

  it('finds the membership on a later page of a long team list', async () => {
    const teams = [...Array.from({ length: 150 }, (_, i) => `other-org/team-${i}`), 'foresail-test/deployers'];
    gh.setUsers({ users: [{ ...bob, teams }] });
    expect((await signIn('bob')).outcome).toBe(true);
  });

  it('fails closed when GitHub cannot tell the memberships', async () => {
    gh.failNext({ target: 'orgs', status: 502 });
    expect((await signIn('bob')).outcome).toBe('/login?error=github_unavailable');
    // A token without read:org cannot list them either.
    expect((await signIn('bob', 'read:user user:email')).outcome).toBe('/login?error=github_unavailable');
  });
});
