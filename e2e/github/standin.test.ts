import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seedUsers } from '../fixtures/ldap-seed.ts';
import { startGitHubStandIn, type GitHubStandIn } from './server.ts';
import { cancelSignIn, signInAs } from './sign-in.ts';
import { gitHubEmailSchema, seedGitHubUsers } from './users.ts';

const CALLBACK = 'http://127.0.0.1:3000/api/auth/callback/github';
const tokenSchema = z.object({ access_token: z.string() });
let gh: GitHubStandIn;

beforeAll(async () => {
  gh = await startGitHubStandIn();
});
afterAll(() => gh.stop());
beforeEach(() => gh.reset());

const authorizeUrl = (params: Record<string, string> = {}) =>
  `${gh.url}/login/oauth/authorize?${new URLSearchParams({ client_id: gh.clientId, redirect_uri: CALLBACK, state: 'st-123', scope: 'read:user user:email', ...params })}`;

async function codeFor(login: string, params: Record<string, string> = {}): Promise<string> {
  return (await signInAs(authorizeUrl(params), login)).searchParams.get('code') ?? '';
}

function exchange(fields: Record<string, string>, headers: Record<string, string> = { Accept: 'application/json' }) {
  return fetch(`${gh.url}/login/oauth/access_token`, { method: 'POST', headers, body: new URLSearchParams(fields) });
}

async function tokenFor(login: string, scope = 'read:user user:email'): Promise<string> {
  const res = await exchange({ client_id: gh.clientId, client_secret: gh.clientSecret, code: await codeFor(login, { scope }), redirect_uri: CALLBACK });
  return tokenSchema.parse(await res.json()).access_token;
}

describe('authorize page', () => {
  it('lists every seed user as a "Sign in as" button, plus Cancel', async () => {
    const res = await fetch(authorizeUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<h1>Sign in to the GitHub stand-in</h1>');
    for (const user of seedGitHubUsers) expect(html).toContain(`>Sign in as ${user.login}</button>`);
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
  });

  it('answers an unknown client_id with a 404 page and no redirect', async () => {
    const res = await fetch(authorizeUrl({ client_id: 'nope' }), { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
  });

  it('sends the browser back with a single-use code and the caller’s state', async () => {
    const back = await signInAs(authorizeUrl(), 'alice');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('state')).toBe('st-123');
    expect(back.searchParams.get('code')).toMatch(/^[0-9a-f]{20}$/);
  });

  it('Cancel sends access_denied with GitHub’s description and the state', async () => {
    const back = await cancelSignIn(authorizeUrl());
    expect(Object.fromEntries(back.searchParams)).toMatchObject({
      error: 'access_denied',
      error_description: 'The user has denied your application access.',
      state: 'st-123',
    });
    expect(back.searchParams.has('code')).toBe(false);
  });
});

describe('access token exchange', () => {
  it('answers JSON when asked for it', async () => {
    const res = await exchange({ client_id: gh.clientId, client_secret: gh.clientSecret, code: await codeFor('alice'), redirect_uri: CALLBACK });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body: unknown = await res.json();
    expect(body).toEqual({ access_token: expect.stringMatching(/^gho_[A-Za-z0-9]{36}$/), scope: 'read:user,user:email', token_type: 'bearer' });
  });

  it('answers form-encoded by default, like GitHub', async () => {
    const res = await exchange({ client_id: gh.clientId, client_secret: gh.clientSecret, code: await codeFor('bob') }, {});
    expect(res.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    const text = await res.text();
    expect(text).toMatch(/^access_token=gho_\w+&scope=read%3Auser%2Cuser%3Aemail&token_type=bearer$/);
  });

  it('takes a JSON body and HTTP Basic client credentials', async () => {
    const code = await codeFor('carol');
    const basic = Buffer.from(`${encodeURIComponent(gh.clientId)}:${encodeURIComponent(gh.clientSecret)}`).toString('base64');
    const res = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Basic ${basic}` },
      body: JSON.stringify({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }),
    });
    expect(await res.json()).toMatchObject({ token_type: 'bearer' });
  });

  it('refuses a code used twice with 200 bad_verification_code', async () => {
    const code = await codeFor('alice');
    const fields = { client_id: gh.clientId, client_secret: gh.clientSecret, code };
    expect((await exchange(fields)).status).toBe(200);
    const again = await exchange(fields);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({
      error: 'bad_verification_code',
      error_description: 'The code passed is incorrect or expired.',
      error_uri: expect.stringContaining('#bad-verification-code'),
    });
  });

  it('refuses a wrong client secret with 200 incorrect_client_credentials, in the asked format', async () => {
    const fields = { client_id: gh.clientId, client_secret: 'wrong', code: await codeFor('alice') };
    expect(await (await exchange(fields)).json()).toMatchObject({ error: 'incorrect_client_credentials' });
    const form = new URLSearchParams(await (await exchange(fields, {})).text());
    expect(form.get('error')).toBe('incorrect_client_credentials');
    expect(form.get('error_description')).toBe('The client_id and/or client_secret passed are incorrect.');
  });

  it('refuses a redirect_uri other than the one the code was issued for', async () => {
    const fields = { client_id: gh.clientId, client_secret: gh.clientSecret, code: await codeFor('alice'), redirect_uri: 'http://127.0.0.1:3000/elsewhere' };
    expect(await (await exchange(fields)).json()).toMatchObject({ error: 'redirect_uri_mismatch' });
  });
  it('checks a PKCE S256 verifier and refuses other challenge methods', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const fields = { client_id: gh.clientId, client_secret: gh.clientSecret, code: await codeFor('alice', { code_challenge: challenge, code_challenge_method: 'S256' }) };
    expect(await (await exchange({ ...fields, code_verifier: 'wrong' })).json()).toMatchObject({ error: 'bad_verification_code' });
    expect(await (await exchange({ ...fields, code_verifier: verifier })).json()).toMatchObject({ token_type: 'bearer' });
    const plain = await fetch(authorizeUrl({ code_challenge: 'abc', code_challenge_method: 'plain' }), { redirect: 'manual' });
    expect(new URL(plain.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });
});

describe('user API', () => {
  it('GET /user answers GitHub’s user object for `token` and `Bearer` alike', async () => {
    const token = await tokenFor('alice');
    for (const authorization of [`token ${token}`, `Bearer ${token}`, `bearer ${token}`]) {
      const res = await fetch(`${gh.url}/user`, { headers: { Authorization: authorization } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-oauth-scopes')).toBe('read:user, user:email');
      expect(await res.json()).toMatchObject({
        login: 'alice',
        id: 1001,
        node_id: 'MDQ6VXNlcjEwMDE=',
        avatar_url: `${gh.url}/avatars/u/1001?v=4`,
        html_url: `${gh.url}/alice`,
        name: 'Alice Admin',
        email: 'alice@foresail.test',
        type: 'User',
        site_admin: false,
      });
    }
  });

  it('serves the same API under /api/v3, as GitHub Enterprise does', async () => {
    const res = await fetch(`${gh.url}/api/v3/user`, { headers: { Authorization: `token ${await tokenFor('bob')}` } });
    expect(await res.json()).toMatchObject({ login: 'bob', url: `${gh.url}/api/v3/users/bob` });
  });

  it('gives a private-email user email null on /user and the primary verified address on /user/emails', async () => {
    const headers = { Authorization: `token ${await tokenFor('dave')}` };
    expect(await (await fetch(`${gh.url}/user`, { headers })).json()).toMatchObject({ login: 'dave', email: null });
    const emails = z.array(gitHubEmailSchema).parse(await (await fetch(`${gh.url}/user/emails`, { headers })).json());
    // next-auth v4's GitHub provider takes the primary address, else the first.
    expect((emails.find((e) => e.primary) ?? emails[0])?.email).toBe('dave@foresail.test');
    expect(emails[0]?.primary).toBe(false);
  });

  it('answers 401 without a token or with an unknown one', async () => {
    const none = await fetch(`${gh.url}/user`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ message: 'Requires authentication' });
    const bad = await fetch(`${gh.url}/user/emails`, { headers: { Authorization: 'token gho_nope' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('hides /user/emails (404) from a token without user:email', async () => {
    const code = await codeFor('alice', { scope: 'read:user' });
    const res = await exchange({ client_id: gh.clientId, client_secret: gh.clientSecret, code });
    const { access_token: token } = tokenSchema.parse(await res.json());
    expect((await fetch(`${gh.url}/user/emails`, { headers: { Authorization: `token ${token}` } })).status).toBe(404);
  });

  it('serves the avatars the user objects point at', async () => {
    const res = await fetch(`${gh.url}/avatars/u/1001?v=4`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await res.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  });
});

describe('organisation and team memberships', () => {
  const get = async (path: string, token: string) => {
    const res = await fetch(`${gh.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, link: res.headers.get('link'), body: (await res.json()) as unknown };
  };

  it('lists the organisations and teams of a token with read:org, shaped like GitHub', async () => {
    const token = await tokenFor('bob', 'read:user read:org');
    const orgs = await get('/user/orgs', token);
    expect(orgs.status).toBe(200);
    expect(orgs.body).toEqual([expect.objectContaining({ login: 'foresail-test', id: expect.any(Number), url: `${gh.url}/orgs/foresail-test` })]);
    const teams = await get('/api/v3/user/teams', token);
    expect(teams.body).toEqual([expect.objectContaining({ slug: 'deployers', organization: expect.objectContaining({ login: 'foresail-test' }) })]);
  });

  it('answers 403 to a token without read:org, as GitHub does', async () => {
    const token = await tokenFor('bob');
    expect((await get('/user/orgs', token)).status).toBe(403);
    expect((await get('/user/teams', token)).status).toBe(403);
  });

  it('pages long lists with per_page, page and a Link header', async () => {
    const teams = Array.from({ length: 45 }, (_, i) => `big-org/team-${i}`);
    gh.setUsers({ users: [{ id: 4242, login: 'many', name: null, email: null, avatarUrl: '/avatars/u/4242', emails: [], orgs: ['small-org'], teams }] });
    const token = await tokenFor('many', 'read:org');
    const first = await get('/user/teams?per_page=20', token);
    expect((first.body as unknown[]).length).toBe(20);
    const next = /<([^>]+)>; rel="next"/.exec(first.link ?? '')?.[1] ?? '';
    expect(next).toBe(`${gh.url}/user/teams?per_page=20&page=2`);
    expect(first.link).toContain(`<${gh.url}/user/teams?per_page=20&page=3>; rel="last"`);
    const last = await get('/user/teams?per_page=20&page=3', token);
    expect((last.body as { slug: string }[]).map((t) => t.slug)).toEqual(['team-40', 'team-41', 'team-42', 'team-43', 'team-44']);
    expect(last.link).not.toContain('rel="next"');
    // A team's organisation counts as a membership too.
    expect(((await get('/user/orgs', token)).body as { login: string }[]).map((o) => o.login)).toEqual(['small-org', 'big-org']);
  });
});

describe('seed users', () => {
  it('alice, bob, carol and dave are the LDAP seed people; erin and eve-test have no LDAP entry', () => {
    const ldap = new Set(seedUsers.map((u) => u.uid));
    expect(seedGitHubUsers.filter((u) => ldap.has(u.login)).map((u) => u.login)).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(seedGitHubUsers.filter((u) => !ldap.has(u.login)).map((u) => u.login)).toEqual(['erin', 'eve-test']);
  });

  it('the LDAP entries hold the GitHub ids of the same people', () => {
    for (const person of seedUsers) expect(seedGitHubUsers.find((u) => u.login === person.uid)?.id).toBe(person.githubId);
  });
});
