/**
 * Saving a trigger with runAsUser (Fiat's service-account rule): the saver must hold every role of
 * the service account and EXECUTE; an unknown account is a field error. Checked on every save of
 * such a pipeline, since whoever edits its stages decides what the service account does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import * as one from './[id]/route';
import * as list from './route';

useTestDatabase();
useAuthConfig(
  { admin: ['admins'], createApplication: [] },
  {
    serviceAccounts: [
      { name: 'gg-deployer', roles: ['release-managers'] },
      { name: 'platform-bot', roles: ['release-managers', 'platform'] },
    ],
  },
);

const app = 'runas';
const base = `/api/v1/applications/${app}/pipelines`;
const as: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  await createApplication({ name: app, ownerEmail: 'r@example.com', description: '', permissions: { READ: ['viewers'], WRITE: ['developers', 'release-managers'], EXECUTE: ['release-managers'] } });
  for (const [login, groups] of Object.entries({ bob: ['release-managers'], wes: ['developers'], ada: ['admins'] })) {
    as[login] = { cookie: cookieHeader(await sessionCookie({ login, groups, secret: testSecret })) };
  }
});

const pipeline = (name: string, runAsUser: string | undefined, enabled = true) => ({
  name,
  stages: [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: 5 }],
  triggers: [{ type: 'git', enabled, source: 'github', project: 'example', slug: 'goldengoose', branch: 'main', secret: 'hush', ...(runAsUser ? { runAsUser } : {}) }],
});

type Answer = { pipeline: Record<string, unknown>; version: number; message?: string; issues?: { path: string; message: string }[] };
const create = (who: string, body: unknown) => call<Answer>(list.POST, { method: 'POST', path: base, params: { name: app }, body: { pipeline: body }, headers: as[who] });

describe('saving a trigger that runs as a service account', () => {
  it('a release manager holding the account\'s roles and EXECUTE saves it', async () => {
    const res = await create('bob', pipeline('Build', 'gg-deployer'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((res.body.pipeline.triggers as { runAsUser?: string }[])[0]?.runAsUser).toBe('gg-deployer');
  });

  it('an account with a role the saver lacks: 403 naming the field, the account and the missing role', async () => {
    const res = await create('bob', pipeline('Platform build', 'platform-bot'));
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Run as user (triggers[0].runAsUser): you (bob) may not let this trigger run as service account "platform-bot": that needs every role it holds (release-managers, platform), and you lack platform');
  });

  it('an unknown account: 422 with the field path, also on a disabled trigger', async () => {
    const res = await create('bob', pipeline('Typo', 'gg-deploy', false));
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([{ path: 'triggers[0].runAsUser', message: '"gg-deploy" is not a service account Foresail knows; an administrator declares them in auth.serviceAccounts' }]);
  });

  it('WRITE alone cannot change a pipeline whose trigger runs as a service account, but may disable it', async () => {
    const created = await create('bob', pipeline('Deploy', 'gg-deployer'));
    const id = String(created.body.pipeline.id);
    const params = { name: app, id };
    const edit = await call<Answer>(one.PUT, { method: 'PUT', path: `${base}/${id}`, params, body: { pipeline: { ...created.body.pipeline, description: 'now runs something else' }, expectedVersion: 1 }, headers: as.wes });
    expect(edit.status).toBe(403);
    expect(edit.body.message).toMatch(/^Run as user \(triggers\[0\]\.runAsUser\): you \(wes\) may not let this trigger run as service account "gg-deployer"/);
    const disabled = await call<Answer>(one.PATCH, { method: 'PATCH', path: `${base}/${id}`, params, body: { expectedVersion: 1, disabled: true }, headers: as.wes });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    const enabled = await call<Answer>(one.PATCH, { method: 'PATCH', path: `${base}/${id}`, params, body: { expectedVersion: 2, disabled: false }, headers: as.wes });
    expect(enabled.status).toBe(403);
    expect((await call<Answer>(one.PATCH, { method: 'PATCH', path: `${base}/${id}`, params, body: { expectedVersion: 2, disabled: false }, headers: as.bob })).status).toBe(200);
  });

  it('administrators may name any configured account', async () => {
    const res = await create('ada', pipeline('Admin build', 'platform-bot'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
});
