import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import * as gateOne from '@/app/api/gate/v2/canaryConfig/[id]/route';
import * as gateList from '@/app/api/gate/v2/canaryConfig/route';
import { createApplication } from '@/lib/db/applications';
import { getPool } from '@/lib/db/pool';
import { findCanaryConfig } from '@/lib/db/canary-configs';
import * as one from './[id]/route';
import * as list from './route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: ['developers'] });

const app = 'canaries';
const other = 'hidden-canaries';
const base = `/api/v1/applications/${app}/canary-configs`;
let writer: Record<string, string> = {};
let reader: Record<string, string> = {};

beforeAll(async () => {
  await createApplication({ name: app, ownerEmail: 'c@example.com', description: '', permissions: { READ: ['viewers'], WRITE: ['developers'], EXECUTE: [] } });
  await createApplication({ name: other, ownerEmail: 'c@example.com', description: '', permissions: { READ: ['admins'], WRITE: ['admins'], EXECUTE: [] } });
  writer = { cookie: cookieHeader(await sessionCookie({ login: 'wes', groups: ['developers'], secret: testSecret })) };
  reader = { cookie: cookieHeader(await sessionCookie({ login: 'vic', groups: ['viewers'], secret: testSecret })) };
});

const promql = (q: string) => ({ type: 'prometheus', customInlineTemplate: `PromQL:${q}` });
const kayenta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  configVersion: '1',
  judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
  metrics: [
    { name: 'p99 latency', groups: ['latency'], query: promql('histogram_quantile(0.99, rate(http_seconds_bucket{pod=~"${scope}.*"}[1m]))'), analysisConfigurations: { canary: { direction: 'increase', critical: true } }, scopeName: 'default' },
    { name: 'errors', groups: ['errors'], query: promql('rate(http_errors_total{pod=~"${scope}.*"}[1m])'), analysisConfigurations: { canary: { direction: 'increase', nanStrategy: 'replace' } }, scopeName: 'default' },
  ],
  classifier: { groupWeights: { latency: 70, errors: 30 } },
  templates: {},
  kayentaOnlyKey: { kept: true },
  ...extra,
});
type View = { config: Record<string, unknown>; version: number };
type Issues = { issues: { path: string; message: string }[] };

async function create(name: string, extra: Record<string, unknown> = {}): Promise<View> {
  const res = await call<View>(list.POST, { method: 'POST', path: base, params: { name: app }, body: { config: kayenta(name, extra) }, headers: writer });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('canary configs API', () => {
  it('creates a config with a generated id, keeps unknown keys, lists and reads it', async () => {
    const created = await create('latency-check');
    const id = String(created.config.id);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.config).toMatchObject({ name: 'latency-check', applications: [app], kayentaOnlyKey: { kept: true } });
    const got = await call<View>(one.GET, { path: `${base}/${id}`, params: { name: app, id }, headers: reader });
    expect(got.status).toBe(200);
    expect(got.body.config.metrics).toEqual(kayenta('x').metrics);
    const listed = await call<{ id: string; name: string; metricCount: number }[]>(list.GET, { path: base, params: { name: app }, headers: reader });
    expect(listed.body.find((c) => c.id === id)).toMatchObject({ name: 'latency-check', metricCount: 2 });
    // The canary stage finds it by id or by name, parsed with the judge's schema.
    expect((await findCanaryConfig(app, id))?.config.classifier?.groupWeights).toEqual({ latency: 70, errors: 30 });
    expect((await findCanaryConfig(app, 'LATENCY-CHECK'))?.id).toBe(id);
    expect(await findCanaryConfig(other, id)).toBeUndefined();
  });

  it('refuses invalid configs with 422 and field paths, and stores nothing', async () => {
    const bad = kayenta('broken', {
      classifier: { groupWeights: { latency: 50, errors: 30 } },
      metrics: [...kayenta('x').metrics, { name: 'errors', groups: ['saturation'], query: { type: 'prometheus' } }],
    });
    const res = await call<Issues>(list.POST, { method: 'POST', path: base, params: { name: app }, body: { config: bad }, headers: writer });
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i) => i.path)).toEqual(['metrics[2].name', 'metrics[2].groups[0]', 'metrics[2].query.customInlineTemplate', 'classifier.groupWeights']);
    const shape = await call<Issues>(list.POST, { method: 'POST', path: base, params: { name: app }, body: { config: { name: 'x', metrics: 'none' } }, headers: writer });
    expect(shape.status).toBe(422);
    expect(shape.body.issues[0]?.path).toBe('metrics');
    const missing = await call<Issues>(list.POST, { method: 'POST', path: base, params: { name: app }, body: {}, headers: writer });
    expect(missing.status).toBe(422);
    expect(missing.body.issues[0]?.path).toBe('config');
    const listed = await call<{ name: string }[]>(list.GET, { path: base, params: { name: app }, headers: reader });
    expect(listed.body.map((c) => c.name)).not.toContain('broken');
  });

  it('keeps names unique per application regardless of case', async () => {
    await create('unique-name');
    const res = await call(list.POST, { method: 'POST', path: base, params: { name: app }, body: { config: kayenta('UNIQUE-NAME') }, headers: writer });
    expect(res.status).toBe(409);
  });

  it('saves versions, refuses stale saves, lets only writers change, and audits', async () => {
    const created = await create('versioned');
    const id = String(created.config.id);
    const params = { name: app, id };
    const saved = await call<View>(one.PUT, { method: 'PUT', path: `${base}/${id}`, params, body: { config: { ...created.config, description: 'v2' }, expectedVersion: 1 }, headers: writer });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, config: { description: 'v2', id } });
    const stale = await call<{ message: string }>(one.PUT, { method: 'PUT', path: `${base}/${id}`, params, body: { config: created.config, expectedVersion: 1 }, headers: writer });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/version 2 was saved by wes/);
    const denied = await call(one.PUT, { method: 'PUT', path: `${base}/${id}`, params, body: { config: created.config, expectedVersion: 2 }, headers: reader });
    expect(denied.status).toBe(403);
    expect((await call(one.DELETE, { method: 'DELETE', path: `${base}/${id}`, params, headers: reader })).status).toBe(403);
    expect((await call(one.DELETE, { method: 'DELETE', path: `${base}/${id}`, params, headers: writer })).status).toBe(204);
    expect((await call(one.GET, { path: `${base}/${id}`, params, headers: writer })).status).toBe(404);
    const { rows } = await getPool().query<{ action: string; outcome: string; actor: string }>('SELECT action, outcome, actor FROM audit_events WHERE target_id = $1 ORDER BY id', [id]);
    expect(rows.map((r) => `${r.action} ${r.outcome} ${r.actor}`)).toEqual([
      'canaryConfig.create success wes',
      'canaryConfig.update success wes',
      'canaryConfig.update failed wes',
      'canaryConfig.update denied vic',
      'canaryConfig.delete denied vic',
      'canaryConfig.delete success wes',
    ]);
  });

  it('does not show configs of an application the caller cannot read', async () => {
    const res = await call(list.GET, { path: `/api/v1/applications/${other}/canary-configs`, params: { name: other }, headers: writer });
    expect(res.status).toBe(404);
  });
});

describe('Gate /v2/canaryConfig for spin', () => {
  const gateId = 'spin-made-id';
  it('creates with the client id (200 {canaryConfigId}), gets, updates, lists and deletes', async () => {
    expect((await call(gateOne.GET, { path: `/api/gate/v2/canaryConfig/${gateId}`, params: { id: gateId }, headers: writer })).status).toBe(404);
    const created = await call(gateList.POST, { method: 'POST', path: '/api/gate/v2/canaryConfig', body: { ...kayenta('from-spin'), id: gateId, applications: [app] }, headers: writer });
    expect(created).toEqual({ status: 200, body: { canaryConfigId: gateId } });
    const got = await call<Record<string, unknown>>(gateOne.GET, { path: `/api/gate/v2/canaryConfig/${gateId}`, params: { id: gateId }, headers: reader });
    expect(got.body).toMatchObject({ id: gateId, name: 'from-spin', applications: [app], kayentaOnlyKey: { kept: true } });
    expect(typeof got.body.updatedTimestamp).toBe('number');

    const updated = await call(gateOne.PUT, { method: 'PUT', path: `/api/gate/v2/canaryConfig/${gateId}`, body: { ...got.body, description: 'updated by spin' }, params: { id: gateId }, headers: writer });
    expect(updated).toEqual({ status: 200, body: { canaryConfigId: gateId } });
    const listed = await call<{ id: string; name: string; applications: string[] }[]>(gateList.GET, { path: `/api/gate/v2/canaryConfig?application=${app}`, headers: reader });
    expect(listed.body.find((c) => c.id === gateId)).toEqual({ id: gateId, name: 'from-spin', applications: [app], updatedTimestamp: expect.any(Number), updatedTimestampIso: expect.any(String) });
    const none = await call<unknown[]>(gateList.GET, { path: `/api/gate/v2/canaryConfig?application=${other}`, headers: reader });
    expect(none.body).toEqual([]);

    expect((await call(gateOne.DELETE, { method: 'DELETE', path: `/api/gate/v2/canaryConfig/${gateId}`, params: { id: gateId }, headers: writer })).status).toBe(200);
    expect((await call(gateOne.GET, { path: `/api/gate/v2/canaryConfig/${gateId}`, params: { id: gateId }, headers: writer })).status).toBe(404);
  });

  it('needs the owning application in the body and write access to it', async () => {
    const missing = await call<Issues>(gateList.POST, { method: 'POST', path: '/api/gate/v2/canaryConfig', body: kayenta('no-app'), headers: writer });
    expect(missing.status).toBe(422);
    expect(missing.body.issues[0]?.path).toBe('applications');
    const denied = await call(gateList.POST, { method: 'POST', path: '/api/gate/v2/canaryConfig', body: { ...kayenta('not-mine'), applications: [app] }, headers: reader });
    expect(denied.status).toBe(403);
    const invisible = await call(gateList.POST, { method: 'POST', path: '/api/gate/v2/canaryConfig', body: { ...kayenta('hidden'), applications: [other] }, headers: writer });
    expect(invisible.status).toBe(404);
  });
});
