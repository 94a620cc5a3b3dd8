/**
 * Issue 13, item 1: trigger secrets (and the other secrets a pipeline holds) never reach anyone
 * through any view — current config, Gate/spin, revisions, executions, audit — and a masked value
 * saved back keeps the stored one, through every save path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { findExecutionConfig } from '@/lib/db/execution-config';
import { findPipeline, insertPipeline, updatePipeline } from '@/lib/db/pipelines';
import { startExecution } from '@/lib/engine/start-execution';
import { SECRET_MASK } from '@/lib/pipeline/secrets';
import * as gatePipelineConfig from './gate/applications/[app]/pipelineConfigs/[name]/route';
import * as gatePipelineConfigs from './gate/applications/[app]/pipelineConfigs/route';
import * as gateExecution from './gate/pipelines/[first]/route';
import * as gateSave from './gate/pipelines/route';
import * as audit from './v1/audit/route';
import * as importRoute from './v1/applications/[name]/pipelines/import/route';
import * as pipelines from './v1/applications/[name]/pipelines/route';
import * as pipelineRoute from './v1/applications/[name]/pipelines/[id]/route';
import * as revision from './v1/applications/[name]/pipelines/[id]/revisions/[version]/route';
import * as rotate from './v1/applications/[name]/pipelines/[id]/triggers/[trigger]/secret/route';
import * as executionRoute from './v1/executions/[id]/route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

const app = 'vault';
const S = {
  oldHook: 'old-hook-secret-1111',
  hook: 'hook-secret-2222',
  constraint: 'constraint-secret-3333',
  git: 'git-hmac-secret-4444',
  urlToken: 'url-token-5555',
  header: 'header-bearer-6666',
  notify: 'notify-password-7777',
};
const everySecret = Object.values(S);

const config = (hookSecret: string) => ({
  id: 'vault-deploy',
  application: app,
  name: 'Deploy',
  triggers: [
    { type: 'webhook', enabled: true, source: 'vault-hook', secret: hookSecret, payloadConstraints: { branch: 'main', secret: S.constraint } },
    { type: 'git', enabled: true, source: 'github', project: 'acme', slug: 'vault', branch: 'main', secret: S.git },
  ],
  stages: [
    { refId: '1', requisiteStageRefIds: [], type: 'webhook', name: 'Notify', method: 'POST', url: `https://hooks.example.com/deploy?team=a&token=${S.urlToken}`, customHeaders: { Authorization: `Bearer ${S.header}`, 'X-Team': 'a' } },
    { refId: '2', requisiteStageRefIds: ['1'], type: 'wait', name: 'Soak', waitTime: 5 },
  ],
  notifications: [{ type: 'webhook', address: `https://ops:${S.notify}@notify.example.com/hook`, when: ['pipeline.complete'] }],
});

let viewer: Record<string, string> = {};
let releaser: Record<string, string> = {};
let executionId = '';
const as = async (login: string, groups: string[]) => ({ cookie: cookieHeader(await sessionCookie({ login, groups, secret: testSecret })) });
const leaks = (body: unknown) => everySecret.filter((s) => JSON.stringify(body).includes(s));
const stored = async (id = 'vault-deploy') => (await findPipeline(id))?.config as ReturnType<typeof config>;

beforeAll(async () => {
  await createApplication({ name: app, ownerEmail: 'v@example.com', description: '', permissions: { READ: ['viewers'], WRITE: ['releasers'], EXECUTE: ['releasers'] } });
  const first = await insertPipeline({ id: 'vault-deploy', application: app, name: 'Deploy', config: config(S.oldHook), disabled: false, locked: false, by: 'test', action: 'create' });
  // Revision 2 rotates the webhook secret: the old one stays in revision 1's history.
  await updatePipeline(first.id, 1, { name: 'Deploy', config: config(S.hook), disabled: false, locked: false, by: 'test', action: 'update' });
  const started = await startExecution({
    pipelineId: first.id,
    source: 'webhook',
    authentication: { user: 'test', roles: ['releasers'] },
    trigger: { type: 'webhook', source: 'vault-hook', payload: { branch: 'main', secret: S.constraint } },
  });
  if (!('executionId' in started)) throw new Error(`not started: ${started.kind}`);
  executionId = started.executionId;
  viewer = await as('vic', ['viewers']);
  releaser = await as('rel', ['releasers']);
});

describe('a READ-only caller never receives a secret', () => {
  it('v1 pipeline GET masks trigger, payload-constraint, header, URL and notification secrets', async () => {
    const res = await call<{ pipeline: ReturnType<typeof config> }>(pipelineRoute.GET, { path: `/api/v1/applications/${app}/pipelines/vault-deploy`, params: { name: app, id: 'vault-deploy' }, headers: viewer });
    expect(res.status).toBe(200);
    expect(leaks(res.body)).toEqual([]);
    const p = res.body.pipeline;
    expect(p.triggers[0]).toMatchObject({ secret: SECRET_MASK, payloadConstraints: { branch: 'main', secret: SECRET_MASK } });
    expect(p.stages[0]).toMatchObject({ url: `https://hooks.example.com/deploy?team=a&token=${SECRET_MASK}`, customHeaders: { Authorization: SECRET_MASK, 'X-Team': 'a' } });
    expect(p.notifications[0]?.address).toBe(`https://ops:${SECRET_MASK}@notify.example.com/hook`);
  });

  it('Gate pipelineConfigs (spin pipeline list/get) mask them', async () => {
    const list = await call(gatePipelineConfigs.GET, { path: `/api/gate/applications/${app}/pipelineConfigs`, params: { app }, headers: viewer });
    const one = await call(gatePipelineConfig.GET, { path: `/api/gate/applications/${app}/pipelineConfigs/Deploy`, params: { app, name: 'Deploy' }, headers: viewer });
    expect([list.status, one.status]).toEqual([200, 200]);
    expect(leaks(list.body)).toEqual([]);
    expect(leaks(one.body)).toEqual([]);
  });

  it('revisions mask old and new secrets, and the diff still says the secret changed', async () => {
    for (const version of ['1', '2']) {
      const res = await call<{ config: unknown; changes: { path: string }[] }>(revision.GET, { path: `/api/v1/applications/${app}/pipelines/vault-deploy/revisions/${version}`, params: { name: app, id: 'vault-deploy', version }, headers: viewer });
      expect(res.status).toBe(200);
      expect(leaks(res.body)).toEqual([]);
      if (version === '2') expect(res.body.changes.map((c) => c.path)).toContain('triggers[0].secret');
    }
  });

  it('executions mask the config snapshot, the trigger and stage contexts (v1, Gate, Source config)', async () => {
    const v1 = await call(executionRoute.GET, { path: `/api/v1/executions/${executionId}`, params: { id: executionId }, headers: viewer });
    const gate = await call(gateExecution.GET, { path: `/api/gate/pipelines/${executionId}`, params: { first: executionId }, headers: viewer });
    expect([v1.status, gate.status]).toEqual([200, 200]);
    expect(leaks(v1.body)).toEqual([]);
    expect(leaks(gate.body)).toEqual([]);
    expect(leaks(await findExecutionConfig(executionId))).toEqual([]);
  });

  it('the audit log holds no secret', async () => {
    const res = await call(audit.GET, { path: `/api/v1/audit?application=${app}`, headers: releaser });
    expect(res.status).toBe(200);
    expect(leaks(res.body)).toEqual([]);
  });
});

describe('saving a masked config keeps the stored secrets', () => {
  const view = async () => (await call<{ pipeline: ReturnType<typeof config> & Record<string, unknown>; version: number }>(pipelineRoute.GET, { path: `/api/v1/applications/${app}/pipelines/vault-deploy`, params: { name: app, id: 'vault-deploy' }, headers: releaser })).body;
  const put = (pipeline: unknown, expectedVersion: number) => call<{ pipeline: unknown; message?: string; issues?: { path: string }[] }>(pipelineRoute.PUT, { method: 'PUT', path: `/api/v1/applications/${app}/pipelines/vault-deploy`, params: { name: app, id: 'vault-deploy' }, body: { pipeline, expectedVersion }, headers: releaser });

  it('v1 PUT of the masked view changes only what was edited', async () => {
    const { pipeline, version } = await view();
    const res = await put({ ...pipeline, description: 'edited' }, version);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(leaks(res.body)).toEqual([]);
    const saved = await stored();
    expect(saved.triggers[0]).toMatchObject({ secret: S.hook, payloadConstraints: { secret: S.constraint } });
    expect(saved.triggers[1]?.secret).toBe(S.git);
    expect(saved.stages[0]).toMatchObject({ url: `https://hooks.example.com/deploy?team=a&token=${S.urlToken}`, customHeaders: { Authorization: `Bearer ${S.header}` } });
    expect(saved.notifications[0]?.address).toBe(`https://ops:${S.notify}@notify.example.com/hook`);
    expect(JSON.stringify(saved)).not.toContain(SECRET_MASK);
  });

  it('a masked secret follows its trigger when triggers are reordered', async () => {
    const { pipeline, version } = await view();
    // The first save gave every trigger holding a secret an id, so it can be matched wherever it moves.
    expect(pipeline.triggers.every((t) => typeof (t as { id?: unknown }).id === 'string')).toBe(true);
    const res2 = await put({ ...pipeline, triggers: [...pipeline.triggers].reverse() }, version);
    expect(res2.status, JSON.stringify(res2.body)).toBe(200);
    const saved = await stored();
    expect(saved.triggers.map((t) => [t.type, t.secret])).toEqual([
      ['git', S.git],
      ['webhook', S.hook],
    ]);
  });

  it('a WRITE+EXECUTE user replaces one secret without retyping the others', async () => {
    const { pipeline, version } = await view();
    const triggers = pipeline.triggers.map((t) => (t.type === 'git' ? { ...t, secret: 'rotated-git-secret' } : t));
    expect((await put({ ...pipeline, triggers }, version)).status).toBe(200);
    const saved = await stored();
    expect(saved.triggers.find((t) => t.type === 'git')?.secret).toBe('rotated-git-secret');
    expect(saved.triggers.find((t) => t.type === 'webhook')?.secret).toBe(S.hook);
  });

  it('a masked value with no stored secret behind it is refused, naming the field', async () => {
    const { pipeline } = await view();
    const res = await call<{ message: string; issues: { path: string }[] }>(pipelines.POST, { method: 'POST', path: `/api/v1/applications/${app}/pipelines`, params: { name: app }, body: { pipeline: { ...pipeline, id: undefined, name: 'Copy' } }, headers: releaser });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/secret.*hidden|hidden.*secret/);
    expect(res.body.issues.map((i) => i.path)).toContain('triggers[0].secret');
  });

  it('spin pipeline save (Gate POST /pipelines) and import keep the stored secrets', async () => {
    const { pipeline } = await view();
    const before = await stored();
    expect((await call(gateSave.POST, { method: 'POST', path: '/api/gate/pipelines', body: { ...pipeline, description: 'via spin' }, headers: releaser })).status).toBe(200);
    expect(await stored()).toEqual({ ...before, description: 'via spin' });
    const imported = await call<{ items: { outcome: string }[] }>(importRoute.POST, { method: 'POST', path: `/api/v1/applications/${app}/pipelines/import`, params: { name: app }, body: { input: [{ ...pipeline, description: 'imported' }], dryRun: false }, headers: releaser });
    expect(imported.body.items[0]?.outcome).toBe('updated');
    expect(await stored()).toEqual({ ...before, description: 'imported' });
    // The dry run already says a masked secret has nothing behind it in a new pipeline.
    const copy = await call<{ items: { outcome: string; issues: { path: string }[] }[] }>(importRoute.POST, { method: 'POST', path: `/api/v1/applications/${app}/pipelines/import`, params: { name: app }, body: { input: [{ ...pipeline, id: undefined, name: 'Imported copy' }], dryRun: true }, headers: releaser });
    expect(copy.body.items[0]).toMatchObject({ outcome: 'invalid', issues: expect.arrayContaining([expect.objectContaining({ path: 'triggers[0].secret' })]) });
  });

  it('rotates one trigger secret through its own endpoint, audited without the value', async () => {
    const { pipeline, version } = await view();
    const git = pipeline.triggers.find((t) => t.type === 'git') as unknown as { id: string };
    const res = await call(rotate.POST, { method: 'POST', path: `/api/v1/applications/${app}/pipelines/vault-deploy/triggers/${git.id}/secret`, params: { name: app, id: 'vault-deploy', trigger: git.id }, body: { secret: 'fresh-git-secret-8888', expectedVersion: version }, headers: releaser });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('fresh-git-secret-8888');
    expect((await stored()).triggers.find((t) => t.type === 'git')?.secret).toBe('fresh-git-secret-8888');
    const events = await call<{ events: { action: string; details: unknown }[] }>(audit.GET, { path: `/api/v1/audit?application=${app}&action=pipeline.`, headers: releaser });
    const rotation = events.body.events.find((e) => e.action === 'pipeline.rotate-secret');
    expect(rotation?.details).toMatchObject({ secretsChanged: [expect.stringMatching(/^triggers\[\d\]\.secret$/)] });
    expect(JSON.stringify(events.body)).not.toContain('fresh-git-secret-8888');
  });
});
