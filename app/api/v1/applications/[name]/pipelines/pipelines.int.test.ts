import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import * as one from './[id]/route';
import * as revisions from './[id]/revisions/route';
import * as revision from './[id]/revisions/[version]/route';
import * as restore from './[id]/revisions/[version]/restore/route';
import * as importRoute from './import/route';
import * as reorder from './reorder/route';
import * as list from './route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: ['developers'] });

const app = 'pipes';
const base = `/api/v1/applications/${app}/pipelines`;
let writer: Record<string, string> = {};
let reader: Record<string, string> = {};

beforeAll(async () => {
  await createApplication({ name: app, ownerEmail: 'p@example.com', description: '', permissions: { READ: ['viewers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
  writer = { cookie: cookieHeader(await sessionCookie({ login: 'wes', groups: ['developers'], secret: testSecret })) };
  reader = { cookie: cookieHeader(await sessionCookie({ login: 'vic', groups: ['viewers'], secret: testSecret })) };
});

const simple = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  stages: [
    { refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: 5 },
    { refId: '2', requisiteStageRefIds: ['1'], type: 'manualJudgment', name: 'Approve', judgmentInputs: [{ value: 'ok' }] },
  ],
  ...extra,
});

type View = { pipeline: Record<string, unknown>; version: number; warnings?: unknown[] };
async function create(name: string, extra: Record<string, unknown> = {}): Promise<View> {
  const res = await call<View>(list.POST, { method: 'POST', path: base, params: { name: app }, body: { pipeline: simple(name, extra) }, headers: writer });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('pipelines API', () => {
  it('creates a pipeline, keeps unknown keys, and lists it', async () => {
    const created = await create('Keeps keys', { customThing: { nested: [1, 2] }, appConfig: {} });
    expect(created.version).toBe(1);
    expect(created.pipeline).toMatchObject({ name: 'Keeps keys', application: app, customThing: { nested: [1, 2] }, appConfig: {} });
    const got = await call<View>(one.GET, { path: `${base}/${String(created.pipeline.id)}`, params: { name: app, id: String(created.pipeline.id) }, headers: reader });
    expect(got.body.pipeline.customThing).toEqual({ nested: [1, 2] });
    const listed = await call<{ name: string; stageCount: number }[]>(list.GET, { path: base, params: { name: app }, headers: reader });
    expect(listed.body.find((p) => p.name === 'Keeps keys')?.stageCount).toBe(2);
  });

  it('refuses invalid pipelines with field paths, and saves nothing', async () => {
    const res = await call<{ issues: { path: string; message: string }[] }>(list.POST, {
      method: 'POST',
      path: base,
      params: { name: app },
      body: { pipeline: { name: 'Cyclic', stages: [{ refId: 'a', requisiteStageRefIds: ['b'], type: 'wait', name: 'A', waitTime: 1 }, { refId: 'b', requisiteStageRefIds: ['a'], type: 'wait', name: 'B', waitTime: 1 }] } },
      headers: writer,
    });
    expect(res.status).toBe(422);
    expect(res.body.issues.some((i) => i.path.startsWith('stages[') && /cycle/.test(i.message))).toBe(true);
    const listed = await call<{ name: string }[]>(list.GET, { path: base, params: { name: app }, headers: reader });
    expect(listed.body.map((p) => p.name)).not.toContain('Cyclic');
  });

  it('refuses a duplicate name in the same application (case-insensitive)', async () => {
    await create('Unique');
    const res = await call(list.POST, { method: 'POST', path: base, params: { name: app }, body: { pipeline: simple('UNIQUE') }, headers: writer });
    expect(res.status).toBe(409);
  });

  it('saves new versions and answers 409 with who saved to a stale save', async () => {
    const created = await create('Versioned');
    const id = String(created.pipeline.id);
    const params = { name: app, id };
    const first = await call<View>(one.PUT, { method: 'PUT', path: `${base}/${id}`, params, body: { pipeline: { ...created.pipeline, description: 'first' }, expectedVersion: 1 }, headers: writer });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await call<{ message: string }>(one.PUT, { method: 'PUT', path: `${base}/${id}`, params, body: { pipeline: { ...created.pipeline, description: 'second' }, expectedVersion: 1 }, headers: writer });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/version 2 was saved by wes/);
  });

  it('lets readers read but not write', async () => {
    const created = await create('Read only for vic');
    const id = String(created.pipeline.id);
    const res = await call(one.PUT, { method: 'PUT', path: `${base}/${id}`, params: { name: app, id }, body: { pipeline: created.pipeline, expectedVersion: 1 }, headers: reader });
    expect(res.status).toBe(403);
  });

  it('locks (read-only), refuses edits and deletion while locked, and unlocks', async () => {
    const created = await create('Lockable');
    const id = String(created.pipeline.id);
    const params = { name: app, id };
    const locked = await call<View>(one.PATCH, { method: 'PATCH', path: `${base}/${id}`, params, body: { expectedVersion: 1, locked: { description: 'release freeze' } }, headers: writer });
    expect(locked.status).toBe(200);
    expect(locked.body.pipeline.locked).toMatchObject({ ui: true, description: 'release freeze' });
    const edit = await call<{ message: string }>(one.PUT, { method: 'PUT', path: `${base}/${id}`, params, body: { pipeline: { ...created.pipeline, description: 'x' }, expectedVersion: 2 }, headers: writer });
    expect(edit.status).toBe(403);
    expect(edit.body.message).toMatch(/locked \(release freeze\)/);
    expect((await call(one.PATCH, { method: 'PATCH', path: `${base}/${id}`, params, body: { expectedVersion: 2, disabled: true }, headers: writer })).status).toBe(403);
    expect((await call(one.DELETE, { method: 'DELETE', path: `${base}/${id}`, params, headers: writer })).status).toBe(403);
    const unlocked = await call<View>(one.PATCH, { method: 'PATCH', path: `${base}/${id}`, params, body: { expectedVersion: 2, locked: false }, headers: writer });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.pipeline.locked).toBeUndefined();
  });

  it('disables, renames and records each change as a revision that can be restored', async () => {
    const created = await create('Original name');
    const id = String(created.pipeline.id);
    const params = { name: app, id };
    await call(one.PATCH, { method: 'PATCH', path: `${base}/${id}`, params, body: { expectedVersion: 1, disabled: true }, headers: writer });
    const renamed = await call<View>(one.PATCH, { method: 'PATCH', path: `${base}/${id}`, params, body: { expectedVersion: 2, name: 'New name' }, headers: writer });
    expect(renamed.body.pipeline).toMatchObject({ name: 'New name', disabled: true });
    const history = await call<{ version: number; action: string; createdBy: string }[]>(revisions.GET, { path: `${base}/${id}/revisions`, params, headers: reader });
    expect(history.body.map((r) => [r.version, r.action, r.createdBy])).toEqual([[3, 'rename', 'wes'], [2, 'disable', 'wes'], [1, 'create', 'wes']]);
    const detail = await call<{ changes: { path: string }[] }>(revision.GET, { path: `${base}/${id}/revisions/3`, params: { ...params, version: '3' }, headers: reader });
    expect(detail.body.changes.map((c) => c.path)).toContain('name');
    const restored = await call<View>(restore.POST, { method: 'POST', path: `${base}/${id}/revisions/1/restore`, params: { ...params, version: '1' }, body: { expectedVersion: 3 }, headers: writer });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 4, pipeline: { name: 'Original name', disabled: false } });
  });

  it('reorders pipelines', async () => {
    const a = await create('Order A');
    const b = await create('Order B');
    expect((await call(reorder.POST, { method: 'POST', path: `${base}/reorder`, params: { name: app }, body: { ids: [String(b.pipeline.id), String(a.pipeline.id)] }, headers: writer })).status).toBe(204);
    const listed = await call<{ name: string }[]>(list.GET, { path: base, params: { name: app }, headers: reader });
    const names = listed.body.map((p) => p.name);
    expect(names.indexOf('Order B')).toBeLessThan(names.indexOf('Order A'));
  });

  it('imports a Dinghy-style container: reports first, then saves the valid ones', async () => {
    const input = { application: app, pipelines: [simple('Imported one'), simple('Imported two'), { name: 'Broken import', stages: [{ refId: '1', requisiteStageRefIds: ['9'], type: 'wait', name: 'W', waitTime: 1 }] }] };
    const report = await call<{ items: { name?: string; outcome: string; issues: { path: string }[] }[] }>(importRoute.POST, { method: 'POST', path: `${base}/import`, params: { name: app }, body: { input, dryRun: true }, headers: writer });
    expect(report.body.items.map((i) => i.outcome)).toEqual(['create', 'create', 'invalid']);
    expect(report.body.items[2]?.issues[0]?.path).toMatch(/^stages\[0\]\.requisiteStageRefIds/);
    const real = await call<{ items: { outcome: string }[] }>(importRoute.POST, { method: 'POST', path: `${base}/import`, params: { name: app }, body: { input, dryRun: false }, headers: writer });
    expect(real.body.items.map((i) => i.outcome)).toEqual(['created', 'created', 'invalid']);
    const again = await call<{ items: { outcome: string }[] }>(importRoute.POST, { method: 'POST', path: `${base}/import`, params: { name: app }, body: { input, dryRun: true }, headers: writer });
    expect(again.body.items.map((i) => i.outcome)).toEqual(['update', 'update', 'invalid']);
  });

  it('imports a pasted pipeline without an application into this one, each issue once', async () => {
    const input = { name: 'Pasted', stages: [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'W', waitTime: '${bad' }] };
    const report = await call<{ items: { outcome: string; issues: { path: string; message: string }[] }[] }>(importRoute.POST, { method: 'POST', path: `${base}/import`, params: { name: app }, body: { input, dryRun: true }, headers: writer });
    expect(report.status).toBe(200);
    const issues = report.body.items[0]?.issues ?? [];
    const keys = issues.map((i) => `${i.path}: ${i.message}`);
    expect(new Set(keys).size, keys.join('\n')).toBe(keys.length);
    const clean = await call<{ items: { outcome: string }[] }>(importRoute.POST, { method: 'POST', path: `${base}/import`, params: { name: app }, body: { input: simple('Pasted clean'), dryRun: true }, headers: writer });
    expect(clean.body.items.map((i) => i.outcome)).toEqual(['create']);
  });

  it('imports what Spinnaker accepted as written, keeps its problems as warnings until fixed, and refuses new ones in the editor', async () => {
    type Item = { outcome: string; id?: string; issues: { path: string; severity: string; message: string }[] };
    const input = { name: 'From Spinnaker', stages: [{ refId: '1', type: 'wait', name: 'W', waitTime: -5 }, { refId: '2', requisiteStageRefIds: ['1'], type: 'jenkins', name: 'Build', master: 'ci', job: 'app' }] };
    const imported = await call<{ items: Item[] }>(importRoute.POST, { method: 'POST', path: `${base}/import`, params: { name: app }, body: { input, dryRun: false }, headers: writer });
    const item = imported.body.items[0];
    expect(item?.outcome).toBe('created');
    expect(item?.issues.map((i) => [i.severity, i.path])).toEqual([
      ['warning', 'application'],
      ['warning', 'stages[0].waitTime'],
      ['warning', 'stages[1].type'],
    ]);
    const id = String(item?.id);
    const params = { name: app, id };
    const got = await call<View>(one.GET, { path: `${base}/${id}`, params, headers: writer });
    expect(got.body.pipeline.stages).toMatchObject([{ waitTime: -5 }, { type: 'jenkins', master: 'ci' }]);
    // The editor saves other changes over the kept problem (still a warning), but not a new one.
    const edited = await call<View>(one.PUT, { method: 'PUT', path: `${base}/${id}`, params, body: { pipeline: { ...got.body.pipeline, description: 'edited' }, expectedVersion: got.body.version }, headers: writer });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'stages[0].waitTime', severity: 'warning' })]));
    const stages = [...(got.body.pipeline.stages as unknown[]), { refId: '3', requisiteStageRefIds: ['2'], type: 'wait', name: 'W3', waitTime: -1 }];
    const worse = await call<{ issues: { path: string }[] }>(one.PUT, { method: 'PUT', path: `${base}/${id}`, params, body: { pipeline: { ...edited.body.pipeline, stages }, expectedVersion: edited.body.version }, headers: writer });
    expect(worse.status).toBe(422);
    expect(worse.body.issues.map((i) => i.path)).toEqual(['stages[2].waitTime']);
    // The same file is refused by a new save from the editor: import is the lenient path.
    const fresh = await call(list.POST, { method: 'POST', path: base, params: { name: app }, body: { pipeline: { ...input, name: 'Typed in' } }, headers: writer });
    expect(fresh.status).toBe(422);
  });

  it('does not store the view-only keys of a GET answer saved back', async () => {
    const created = await create('Round trip');
    const id = String(created.pipeline.id);
    const params = { name: app, id };
    const got = await call<View>(one.GET, { path: `${base}/${id}`, params, headers: writer });
    const body = { pipeline: { ...got.body.pipeline, updateTs: '123', lastModifiedBy: 'someone', index: 7 }, expectedVersion: got.body.version };
    const saved = await call<View>(one.PUT, { method: 'PUT', path: `${base}/${id}`, params, body, headers: writer });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const stored = await call<{ config: Record<string, unknown>; changes: { path: string }[] }>(revision.GET, { path: `${base}/${id}/revisions/2`, params: { ...params, version: '2' }, headers: writer });
    expect(stored.status).toBe(200);
    expect(Object.keys(stored.body.config)).not.toContain('lastModifiedBy');
    expect(Object.keys(stored.body.config)).not.toContain('index');
    expect(Object.keys(stored.body.config)).not.toContain('updateTs');
    expect(stored.body.changes.map((c) => c.path)).not.toEqual(expect.arrayContaining(['index']));
  });

  it('refuses bodies over 1 MB', async () => {
    const huge = { pipeline: simple('Huge', { description: 'x'.repeat(1_100_000) }) };
    const res = await call(list.POST, { method: 'POST', path: base, params: { name: app }, body: huge, headers: writer });
    expect(res.status).toBe(413);
  });

  it('hides pipelines of applications you cannot see', async () => {
    await createApplication({ name: 'hidden', ownerEmail: 'h@example.com', description: '', permissions: { READ: ['admins'], WRITE: [], EXECUTE: [] } });
    const res = await call(list.GET, { path: '/api/v1/applications/hidden/pipelines', params: { name: 'hidden' }, headers: reader });
    expect(res.status).toBe(404);
  });
});
