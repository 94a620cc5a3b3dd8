/**
 * Issue 13, item 10a: a trigger runs the pipeline, so WRITE alone may not add, change or enable one
 * (nor enable a pipeline whose triggers are live); everything else WRITE may still save.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { findPipeline, insertPipeline } from '@/lib/db/pipelines';
import * as gateSave from './gate/pipelines/route';
import * as pipelines from './v1/applications/[name]/pipelines/route';
import * as pipelineRoute from './v1/applications/[name]/pipelines/[id]/route';
import * as restore from './v1/applications/[name]/pipelines/[id]/revisions/[version]/restore/route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

const app = 'armory';
const stages = [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Soak', waitTime: 5 }];
const cron = { type: 'cron', enabled: true, cronExpression: '0 0 * ? * *' };
const hook = { type: 'webhook', enabled: true, source: 'armory', secret: 'armory-secret' };
let writer: Record<string, string> = {};
let releaser: Record<string, string> = {};
let n = 0;

async function pipelineWith(triggers: unknown[], extra: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const id = `armory-${n++}`;
  const name = `Pipeline ${id}`;
  await insertPipeline({ id, application: app, name, config: { id, name, application: app, stages, triggers, ...extra }, disabled: extra.disabled === true, locked: false, by: 'test', action: 'create' });
  return { id, name };
}
const view = async (id: string) => (await call<{ pipeline: Record<string, unknown> & { triggers: Record<string, unknown>[] }; version: number }>(pipelineRoute.GET, { path: `/api/v1/applications/${app}/pipelines/${id}`, params: { name: app, id }, headers: writer })).body;
const put = (id: string, pipeline: unknown, expectedVersion: number, headers = writer) => call<{ message?: string }>(pipelineRoute.PUT, { method: 'PUT', path: `/api/v1/applications/${app}/pipelines/${id}`, params: { name: app, id }, body: { pipeline, expectedVersion }, headers });

beforeAll(async () => {
  await createApplication({ name: app, ownerEmail: 'a@example.com', description: '', permissions: { READ: [], WRITE: ['writers', 'releasers'], EXECUTE: ['releasers'] } });
  writer = { cookie: cookieHeader(await sessionCookie({ login: 'wes', groups: ['writers'], secret: testSecret })) };
  releaser = { cookie: cookieHeader(await sessionCookie({ login: 'rel', groups: ['releasers'], secret: testSecret })) };
});

describe('WRITE without EXECUTE', () => {
  it('may not add a live trigger: 403 naming EXECUTE, and nothing is saved', async () => {
    const { id } = await pipelineWith([]);
    const { pipeline, version } = await view(id);
    const res = await put(id, { ...pipeline, triggers: [cron] }, version);
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/needs EXECUTE as well as WRITE/);
    expect(res.body.message).toMatch(/adds or changes the cron trigger \(triggers\[0\]\)/);
    expect((await findPipeline(id))?.version).toBe(version);
  });

  it('may not change a live trigger, its secret, or enable a disabled one', async () => {
    const { id } = await pipelineWith([hook, { ...cron, enabled: false }]);
    const { pipeline, version } = await view(id);
    const [h, c] = pipeline.triggers;
    expect((await put(id, { ...pipeline, triggers: [{ ...h, source: 'elsewhere' }, c] }, version)).status).toBe(403);
    expect((await put(id, { ...pipeline, triggers: [{ ...h, secret: 'known-to-writer' }, c] }, version)).status).toBe(403);
    const enabling = await put(id, { ...pipeline, triggers: [h, { ...c, enabled: true }] }, version);
    expect(enabling.status).toBe(403);
    expect(enabling.body.message).toMatch(/enables the cron trigger \(triggers\[1\]\)/);
  });

  it('may save everything else: stages, a masked secret sent back, disabled triggers, removals', async () => {
    const { id } = await pipelineWith([hook]);
    let { pipeline, version } = await view(id);
    const steps: ((p: typeof pipeline) => unknown)[] = [
      (p) => ({ ...p, description: 'edited by a writer', stages: [{ ...stages[0], waitTime: 9 }] }),
      (p) => ({ ...p, triggers: [...p.triggers, { ...cron, enabled: false }] }),
      (p) => ({ ...p, triggers: p.triggers.map((t) => ({ ...t, enabled: false })) }),
      (p) => ({ ...p, triggers: [] }),
    ];
    for (const step of steps) {
      const res = await put(id, step(pipeline), version);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ({ pipeline, version } = await view(id));
    }
  });

  it('may not create a pipeline with a live trigger (v1 or spin), nor enable a pipeline with live triggers', async () => {
    const create = await call<{ message: string }>(pipelines.POST, { method: 'POST', path: `/api/v1/applications/${app}/pipelines`, params: { name: app }, body: { pipeline: { name: 'New', stages, triggers: [cron] } }, headers: writer });
    expect(create.status).toBe(403);
    expect((await call(gateSave.POST, { method: 'POST', path: '/api/gate/pipelines', body: { application: app, name: 'Via spin', stages, triggers: [cron] }, headers: writer })).status).toBe(403);
    expect((await call(gateSave.POST, { method: 'POST', path: '/api/gate/pipelines', body: { application: app, name: 'Via spin', stages, triggers: [{ ...cron, enabled: false }] }, headers: writer })).status).toBe(200);

    const { id } = await pipelineWith([cron], { disabled: true });
    const { version } = await view(id);
    const enable = await call<{ message: string }>(pipelineRoute.PATCH, { method: 'PATCH', path: `/api/v1/applications/${app}/pipelines/${id}`, params: { name: app, id }, body: { expectedVersion: version, disabled: false }, headers: writer });
    expect(enable.status).toBe(403);
    expect(enable.body.message).toMatch(/enabling the pipeline turns on the cron trigger/);
  });

  it('may not restore a revision whose triggers differ from the live ones', async () => {
    const { id } = await pipelineWith([]);
    const { pipeline, version } = await view(id);
    expect((await put(id, { ...pipeline, triggers: [cron] }, version, releaser)).status).toBe(200);
    const now = await view(id);
    expect((await put(id, { ...now.pipeline, triggers: [] }, now.version)).status).toBe(200);
    const restored = await call(restore.POST, { method: 'POST', path: `/api/v1/applications/${app}/pipelines/${id}/revisions/2/restore`, params: { name: app, id, version: '2' }, body: { expectedVersion: now.version + 1 }, headers: writer });
    expect(restored.status).toBe(403);
  });
});

describe('WRITE and EXECUTE', () => {
  it('adds, changes and enables triggers', async () => {
    const { id } = await pipelineWith([{ ...cron, enabled: false }]);
    const { pipeline, version } = await view(id);
    const res = await put(id, { ...pipeline, triggers: [{ ...pipeline.triggers[0], enabled: true }, hook] }, version, releaser);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await findPipeline(id))?.config.triggers).toMatchObject([{ type: 'cron', enabled: true }, { type: 'webhook', secret: 'armory-secret' }]);
  });
});
