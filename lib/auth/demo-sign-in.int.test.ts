import type { NextApiRequest, NextApiResponse } from 'next';
import NextAuth from 'next-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testOrigin, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { readLdap } from '@/lib/world/endpoints';
import * as executions from '@/app/api/v1/applications/[name]/pipelines/[id]/executions/route';
import * as applications from '@/app/api/v1/applications/route';
import * as audit from '@/app/api/v1/audit/route';
import * as me from '@/app/api/v1/me/route';
import { createApplication } from '../db/applications';
import { insertPipeline } from '../db/pipelines';
import { resetDirectory } from './directory';
import { buildAuthOptions } from './next-auth-options';

/**
 * Demo sign-in as each persona through next-auth's own handler (CSRF token, credentials provider,
 * Foresail's callbacks, the encrypted session cookie) with the options the /api/auth/[...nextauth]
 * route builds, then Foresail's API routes with the cookie it set — once with the demo's groups in
 * the real OpenLDAP, once in the built-in static directory. Same groups, same roles. The route module
 * itself reads next/headers, which needs Next's request scope, so next-auth is called in its
 * API-route form, which takes the request as arguments; e2e/demo.spec.ts signs in over HTTP.
 */
useTestDatabase();

const previousNextAuthUrl = process.env.NEXTAUTH_URL;
beforeAll(async () => {
  process.env.NEXTAUTH_URL = testOrigin; // what the supervisor sets from server.baseUrl
  await createApplication({ name: 'goldengoose', description: '', ownerEmail: 'rm@example.com', permissions: { READ: ['viewers', 'developers', 'release-managers'], WRITE: ['developers'], EXECUTE: ['release-managers'] } });
  await insertPipeline({ id: 'gg-deploy', application: 'goldengoose', name: 'Deploy', config: { id: 'gg-deploy', name: 'Deploy', application: 'goldengoose', stages: [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: 1 }] }, disabled: false, locked: false, by: 'alice', action: 'create' });
});
afterAll(async () => {
  if (previousNextAuthUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = previousNextAuthUrl;
  await resetDirectory();
});

interface AuthAnswer {
  status: number;
  location?: string;
  cookies: { name: string; value: string }[];
  body: unknown;
}

/** One request to next-auth's handler: `/api/auth/<segments>` with a form body and cookies. */
async function auth(segments: string[], method: 'GET' | 'POST', body?: Record<string, string>, cookies: Record<string, string> = {}): Promise<AuthAnswer> {
  const answer: AuthAnswer = { status: 200, cookies: [], body: undefined };
  const headers = new Map<string, unknown>();
  const req = { method, query: { nextauth: segments }, body, cookies, headers: { host: new URL(testOrigin).host, 'content-type': 'application/x-www-form-urlencoded' } };
  const res = {
    status: (code: number) => ((answer.status = code), res),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: unknown) => (headers.set(name.toLowerCase(), value), res),
    end: () => undefined,
    json: (value: unknown) => void (answer.body = value),
    send: (value: unknown) => void (answer.body = value),
  };
  // The parts of Next's API request and response next-auth uses (query, body, cookies, headers; status, headers, body).
  await NextAuth(req as unknown as NextApiRequest, res as unknown as NextApiResponse, buildAuthOptions({ sourceIp: '127.0.0.1' }));
  answer.location = headers.get('location') as string | undefined;
  answer.cookies = ([headers.get('set-cookie') ?? []].flat() as string[]).map((line) => {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
  return answer;
}

/** What the persona picker does: fetch a CSRF token, then post the persona to the demo provider's callback. */
async function signInAs(persona: string): Promise<{ cookie?: string; redirect?: string }> {
  const csrf = await auth(['csrf'], 'GET');
  const csrfCookie = csrf.cookies.find((c) => c.name.endsWith('csrf-token'));
  const csrfToken = (csrf.body as { csrfToken?: string } | undefined)?.csrfToken;
  if (!csrfCookie || !csrfToken) throw new Error('next-auth gave no CSRF token');
  const res = await auth(['callback', 'demo'], 'POST', { csrfToken, persona, callbackUrl: `${testOrigin}/applications` }, { [csrfCookie.name]: decodeURIComponent(csrfCookie.value) });
  const session = res.cookies.find((c) => c.name === 'next-auth.session-token' && c.value);
  return { redirect: res.location, cookie: session ? `${session.name}=${session.value}` : undefined };
}

const expected = {
  alice: { roles: ['admins', 'developers'], isAdmin: true, sees: ['goldengoose'], runs: 202 },
  bob: { roles: ['developers', 'release-managers'], isAdmin: false, sees: ['goldengoose'], runs: 202 },
  dave: { roles: ['viewers'], isAdmin: false, sees: ['goldengoose'], runs: 403 },
  carol: { roles: [], isAdmin: false, sees: [], runs: 404 },
} as const;

function personasSignIn(directory: string): void {
  it.each(Object.entries(expected))(`%s signs in with the roles of their ${directory} groups`, async (login, want) => {
    const { cookie, redirect } = await signInAs(login);
    expect(redirect).toBe(`${testOrigin}/applications`);
    if (!cookie) throw new Error('no session cookie');
    const headers = { cookie };
    const who = await call(me.GET, { path: '/api/v1/me', headers });
    expect(who.body).toMatchObject({ login, groups: want.roles, roles: want.roles, isAdmin: want.isAdmin, via: 'session', demo: true });
    const visible = await call<{ name: string }[]>(applications.GET, { path: '/api/v1/applications', headers });
    expect(visible.body.map((a) => a.name)).toEqual(want.sees);
    // Running is EXECUTE: release managers and admins only; dave may look but not run; carol sees nothing.
    const run = await call(executions.POST, { method: 'POST', path: '/api/v1/applications/goldengoose/pipelines/gg-deploy/executions', params: { name: 'goldengoose', id: 'gg-deploy' }, body: {}, headers });
    expect(run.status).toBe(want.runs);
    const own = await call<{ events: { actor: string; action: string; outcome: string; details: Record<string, unknown> }[] }>(audit.GET, { path: `/api/v1/audit?actor=${login}&action=auth.sign-in`, headers });
    expect(own.body.events[0]).toMatchObject({ actor: login, action: 'auth.sign-in', outcome: 'success', details: { provider: 'demo' } });
  });

  it('refuses anyone who is not a demo person', async () => {
    const { cookie, redirect } = await signInAs('mallory');
    expect(cookie).toBeUndefined();
    // next-auth's error endpoint, which sends the browser on to the sign-in page with this error.
    expect(redirect).toBe(`${testOrigin}/api/auth/error?error=CredentialsSignin&provider=demo`);
  });
}

describe('demo personas with the demo OpenLDAP', () => {
  const ldap = readLdap();
  useAuthConfig({ admin: ['admins'], createApplication: [] }, { demo: true, github: undefined, ldap: { url: ldap.url, bindDn: ldap.bindDn, bindPassword: ldap.bindPassword, userBase: ldap.usersDn, timeoutMs: 1500 } });
  beforeAll(() => resetDirectory());
  personasSignIn('LDAP');
});

describe('demo personas with the built-in static directory (no LDAP configured)', () => {
  useAuthConfig({ admin: ['admins'], createApplication: [] }, { demo: true, github: undefined, ldap: undefined });
  beforeAll(() => resetDirectory());
  personasSignIn('static directory');
});

describe('a configured static directory that lacks a persona', () => {
  useAuthConfig({ admin: ['admins'], createApplication: [] }, { demo: true, github: undefined, ldap: undefined, staticDirectory: { users: [{ login: 'alice', groups: ['admins'] }] } });
  beforeAll(() => resetDirectory());

  it('signs in whom it lists, with the groups it lists', async () => {
    const { cookie } = await signInAs('alice');
    expect((await call(me.GET, { path: '/api/v1/me', headers: { cookie: cookie ?? '' } })).body).toMatchObject({ login: 'alice', roles: ['admins'] });
  });

  it('refuses the others with the reason', async () => {
    expect(await signInAs('dave')).toEqual({ redirect: '/login?error=demo_not_in_directory', cookie: undefined });
  });
});
