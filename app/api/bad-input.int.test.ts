/**
 * Issue 22 item 2 and the R5 fuzzer's findings: refusals name the field in plain words and say what
 * to send; the obvious shapes are accepted; malformed input (a NUL character, bad percent-encoding
 * in a name or a cookie) is a 4xx, never a 500.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import * as gateConfig from './gate/applications/[app]/pipelineConfigs/[name]/route';
import * as gateExecute from './gate/pipelines/[first]/[second]/route';
import * as me from './v1/me/route';
import * as application from './v1/applications/[name]/route';
import * as importRoute from './v1/applications/[name]/pipelines/import/route';
import * as executions from './v1/applications/[name]/pipelines/[id]/executions/route';
import * as pipelines from './v1/applications/[name]/pipelines/route';
import * as tokens from './v1/tokens/route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: ['developers'] });

const app = 'words';
const base = `/api/v1/applications/${app}/pipelines`;
let writer: Record<string, string> = {};
type Refusal = { error: string; message: string; issues: { path: string; message: string }[] };
const jargon = /Invalid input|expected \w+, received|nonoptional|Unrecognized key/;

beforeAll(async () => {
  await createApplication({ name: app, ownerEmail: 'w@example.com', description: '', permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
  writer = { cookie: cookieHeader(await sessionCookie({ login: 'wes', groups: ['developers', 'release-managers'], secret: testSecret })) };
});

describe('tokens', () => {
  it('gives a token without roles all of its creator’s roles', async () => {
    const res = await call<{ roles: string[]; token: string }>(tokens.POST, { method: 'POST', path: '/api/v1/tokens', body: { name: 'all mine', expiresInDays: 7 }, headers: writer });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.roles).toEqual(['developers', 'release-managers']);
  });

  it('says what to send for a missing or wrong field, with an example', async () => {
    const missing = await call<Refusal>(tokens.POST, { method: 'POST', path: '/api/v1/tokens', body: { name: 'ci' }, headers: writer });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toBe('expiresInDays is required: how many days the token is valid, a whole number from 1 to 3650, e.g. 90');
    expect(missing.body.issues).toEqual([{ path: 'expiresInDays', message: 'is required: how many days the token is valid, a whole number from 1 to 3650, e.g. 90' }]);
    const wrong = await call<Refusal>(tokens.POST, { method: 'POST', path: '/api/v1/tokens', body: { name: 'ci', roles: 'release-managers', expiresInDays: 7 }, headers: writer });
    expect(wrong.body.message).toBe('roles must be a list, not the text "release-managers": a list of role names you hold (left out: all your roles), e.g. ["release-managers"]');
    const unknown = await call<Refusal>(tokens.POST, { method: 'POST', path: '/api/v1/tokens', body: { name: 'ci', role: ['x'], expiresInDays: 7 }, headers: writer });
    expect(unknown.body.issues).toEqual([{ path: 'role', message: 'is not a field here; the fields are name, roles, expiresInDays' }]);
    for (const body of [missing.body, wrong.body, unknown.body]) expect(JSON.stringify(body)).not.toMatch(jargon);
  });
});

describe('pipelines', () => {
  it('creates a pipeline from the bare pipeline JSON', async () => {
    const bare = { name: 'Bare', application: app, stages: [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: 5 }] };
    const res = await call<{ pipeline: { name: string; stages: unknown[] } }>(pipelines.POST, { method: 'POST', path: base, params: { name: app }, body: bare, headers: writer });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.pipeline).toMatchObject({ name: 'Bare', stages: [{ type: 'wait', waitTime: 5 }] });
  });

  it('imports a bare Spinnaker export: a report by default, saved with ?dryRun=false', async () => {
    const exported = [{ name: 'Exported', stages: [{ refId: '1', type: 'wait', name: 'W', waitTime: 1 }] }];
    const report = await call<{ dryRun: boolean; items: { outcome: string }[] }>(importRoute.POST, { method: 'POST', path: `${base}/import`, params: { name: app }, body: exported, headers: writer });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body).toMatchObject({ dryRun: true, items: [{ outcome: 'create' }] });
    const saved = await call<{ dryRun: boolean; items: { outcome: string }[] }>(importRoute.POST, { method: 'POST', path: `${base}/import?dryRun=false`, params: { name: app }, body: exported[0], headers: writer });
    expect(saved.body).toMatchObject({ dryRun: false, items: [{ outcome: 'created' }] });
  });

  it('refuses a wrapper with an unknown field, naming it and the fields there are', async () => {
    const res = await call<Refusal>(pipelines.POST, { method: 'POST', path: base, params: { name: app }, body: { pipeline: { name: 'x', stages: [] }, expectedVersion: 1 }, headers: writer });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([{ path: 'expectedVersion', message: 'is not a field here; the fields are pipeline' }]);
  });
});

describe('text PostgreSQL cannot store (found by the R5 fuzzer: these were 500s)', () => {
  it('in a URL parameter: 400 naming the parameter', async () => {
    const res = await call<Refusal>(application.GET, { path: '/api/v1/applications/%00', params: { name: '\u0000' }, headers: writer });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'name', message: 'contains a NUL character (%00)' }]);
  });

  it('in a body: 400 naming the field', async () => {
    const body = { pipeline: { name: 'Nul\u0000name', stages: [] } };
    const res = await call<Refusal>(pipelines.POST, { method: 'POST', path: base, params: { name: app }, body, headers: writer });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'pipeline.name', message: 'contains a NUL character (\\u0000), which Foresail cannot store' }]);
  });

  it('a lone surrogate in a trigger parameter: 400 naming the parameter', async () => {
    const created = await call<{ pipeline: { id: string } }>(pipelines.POST, { method: 'POST', path: base, params: { name: app }, body: { pipeline: { name: 'Surrogates', stages: [{ refId: '1', type: 'wait', name: 'W', waitTime: 1 }] } }, headers: writer });
    const id = created.body.pipeline.id;
    const res = await call<Refusal>(executions.POST, { method: 'POST', path: `${base}/${id}/executions`, params: { name: app, id }, rawBody: '{"parameters":{"env":"\\ud800"}}', headers: writer });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'parameters.env', message: 'contains a lone surrogate (\\uD800–\\uDFFF), which is not text Foresail can store' }]);
  });
});

describe('malformed percent-encoding (found by the R5 fuzzer: URIError was a 500)', () => {
  it('in a Gate pipeline name: 404 like any unknown name', async () => {
    const get = await call(gateConfig.GET, { path: `/api/gate/applications/${app}/pipelineConfigs/100%25`, params: { app, name: '100%' }, headers: writer });
    expect(get.status).toBe(404);
    const run = await call(gateExecute.POST, { method: 'POST', path: `/api/gate/pipelines/${app}/!x%25I9`, params: { first: app, second: '!x%I9' }, body: {}, headers: writer });
    expect(run.status).toBe(404);
  });

  it('in the session cookie: not signed in (401)', async () => {
    const res = await call(me.GET, { path: '/api/v1/me', headers: { cookie: 'next-auth.session-token=%E0%A4%A' } });
    expect(res.status).toBe(401);
  });
});
