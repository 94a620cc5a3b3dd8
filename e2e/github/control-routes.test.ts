import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGitHubStandIn, type GitHubStandIn, type GitHubUser } from './server.ts';
import { signInAs } from './sign-in.ts';

const CALLBACK = 'http://127.0.0.1:3000/api/auth/callback/github';
let gh: GitHubStandIn;

beforeAll(async () => {
  gh = await startGitHubStandIn({ callbackUrl: CALLBACK });
});
afterAll(() => gh.stop());
beforeEach(() => gh.reset());

const authorizeUrl = (params: Record<string, string> = {}) =>
  `${gh.url}/login/oauth/authorize?${new URLSearchParams({ client_id: gh.clientId, state: 's1', scope: 'read:user user:email', ...params })}`;

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${gh.url}/_standin/${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

async function tokenFor(login: string): Promise<string> {
  const code = (await signInAs(authorizeUrl(), login)).searchParams.get('code') ?? '';
  const res = await fetch(`${gh.url}/login/oauth/access_token`, {
    method: 'POST',
    headers: { Accept: 'application/json' },
    body: new URLSearchParams({ client_id: gh.clientId, client_secret: gh.clientSecret, code }),
  });
  const body: unknown = await res.json();
  return typeof body === 'object' && body !== null && 'access_token' in body ? String(body.access_token) : '';
}

const mallory: GitHubUser = { id: 6666, login: 'x*)(uid=*', name: 'Mallory', email: null, avatarUrl: '/avatars/u/6666', emails: [], orgs: [], teams: [] };

describe('registered callback URL', () => {
  it('is where the browser goes when the authorize request has no redirect_uri', async () => {
    const back = await signInAs(authorizeUrl(), 'alice');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  });

  it('turns a redirect_uri outside it into redirect_uri_mismatch on the callback', async () => {
    const res = await fetch(authorizeUrl({ redirect_uri: 'http://127.0.0.1:3000/evil' }), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('error')).toBe('redirect_uri_mismatch');
    expect(location.searchParams.get('state')).toBe('s1');
  });
});

describe('control API (/_standin/)', () => {
  it('adds users, escaping them on the sign-in page, and replaces the list on request', async () => {
    const added = await control('POST', 'users', { users: [mallory] });
    expect(added.status).toBe(200);
    expect(gh.users.map((u) => u.login)).toContain('x*)(uid=*');
    const page = await (await fetch(authorizeUrl())).text();
    expect(page).toContain('>Sign in as x*)(uid=*</button>');
    const back = await signInAs(authorizeUrl(), mallory.login);
    expect(back.searchParams.get('code')).toBeTruthy();

    await control('POST', 'users', { users: [mallory], replace: true });
    expect(gh.users.map((u) => u.login)).toEqual([mallory.login]);
  });

  it('revokes the tokens of users it removes', async () => {
    const token = await tokenFor('bob');
    gh.setUsers({ users: [mallory], replace: true });
    const res = await fetch(`${gh.url}/user`, { headers: { Authorization: `token ${token}` } });
    expect(res.status).toBe(401);
  });

  it('refuses malformed users with 422', async () => {
    expect((await control('POST', 'users', { users: [{ login: 'nameless' }] })).status).toBe(422);
  });

  it('logs requests (without query strings) and clears the log', async () => {
    await fetch(authorizeUrl());
    await fetch(`${gh.url}/api/v3/user`);
    const log: unknown = await (await control('GET', 'requests')).json();
    expect(log).toEqual({ requests: [{ method: 'GET', path: '/login/oauth/authorize' }, { method: 'GET', path: '/api/v3/user' }] });
    await control('DELETE', 'requests');
    expect(gh.requests).toEqual([]);
  });

  it('fails the next token exchange with a 5xx, then works again', async () => {
    const code = (await signInAs(authorizeUrl(), 'alice')).searchParams.get('code') ?? '';
    await control('POST', 'fail', { target: 'token', status: 502 });
    const exchange = () =>
      fetch(`${gh.url}/login/oauth/access_token`, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: new URLSearchParams({ client_id: gh.clientId, client_secret: gh.clientSecret, code }),
      });
    expect((await exchange()).status).toBe(502);
    expect(await (await exchange()).json()).toMatchObject({ token_type: 'bearer' });
  });

  it('fails /user a given number of times', async () => {
    const headers = { Authorization: `token ${await tokenFor('alice')}` };
    gh.failNext({ target: 'user', times: 2 });
    expect((await fetch(`${gh.url}/user`, { headers })).status).toBe(503);
    expect((await fetch(`${gh.url}/user`, { headers })).status).toBe(503);
    expect((await fetch(`${gh.url}/user`, { headers })).status).toBe(200);
  });

  it('hangs a request until the client gives up', async () => {
    await control('POST', 'fail', { target: 'user', mode: 'hang' });
    const started = Date.now();
    await expect(fetch(`${gh.url}/user`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('resets users, faults and the log', async () => {
    gh.setUsers({ users: [mallory], replace: true });
    gh.failNext({ target: 'authorize' });
    await control('POST', 'reset');
    expect(gh.users.map((u) => u.login)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin', 'eve-test']);
    expect((await fetch(authorizeUrl())).status).toBe(200);
  });
});

describe('stop()', () => {
  it('returns even while a request hangs', async () => {
    const own = await startGitHubStandIn();
    own.failNext({ target: 'token', mode: 'hang' });
    const hanging = fetch(`${own.url}/login/oauth/access_token`, { method: 'POST' }).catch((err: unknown) => err);
    await vi.waitFor(() => expect(own.requests).toHaveLength(1));
    await own.stop();
    expect(await hanging).toBeInstanceOf(Error);
  });
});
