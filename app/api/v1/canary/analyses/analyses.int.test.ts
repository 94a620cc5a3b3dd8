import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { extendTestConfig } from '@/e2e/runner/test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { readPrometheus } from '@/lib/world/endpoints';
import * as gateOne from '@/app/api/gate/v2/canaries/canary/[id]/route';
import * as gateStart from '@/app/api/gate/v2/canaries/canary/route';
import * as gateList from '@/app/api/gate/v2/canaries/[application]/executions/route';
import * as preview from '@/app/api/v1/canary/preview/route';
import { createApplication } from '@/lib/db/applications';
import { insertCanaryConfig } from '@/lib/db/canary-configs';
import { latencySeries } from '@/lib/testing/latency-series';
import { pushSeries } from '@/lib/testing/prometheus-push';
import type { CanaryAnalysisView } from '@/lib/services/canary-analyses';
import * as one from './[id]/route';
import * as list from './route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: ['developers'] });

const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);
const app = 'retro';
let executor: Record<string, string> = {};
let viewer: Record<string, string> = {};
let stranger: Record<string, string> = {};
const start = Math.floor((Date.now() - 10 * 60_000) / 1000) * 1000;

beforeAll(async () => {
  // useAuthConfig wrote the file in its own beforeAll (registered first); add a metrics account to it.
  extendTestConfig({ prometheus: { egress: { allow: ['127.0.0.1'] }, accounts: [{ name: 'metrics', url: prometheus.url, permissions: { READ: ['viewers', 'runners'] } }] } });
  await createApplication({ name: app, ownerEmail: 'r@example.com', description: '', permissions: { READ: ['viewers'], WRITE: [], EXECUTE: ['runners'] } });
  executor = { cookie: cookieHeader(await sessionCookie({ login: 'eve', groups: ['runners'], secret: testSecret })) };
  viewer = { cookie: cookieHeader(await sessionCookie({ login: 'vic', groups: ['viewers'], secret: testSecret })) };
  stranger = { cookie: cookieHeader(await sessionCookie({ login: 'sam', groups: ['others'], secret: testSecret })) };
  const series = (metric: string, version: string, mean: number, seed: number) => latencySeries({ name: metric, labels: { run, version }, start, stepMs: 10_000, count: 60, mean, jitter: 0.05, seed });
  await pushSeries(prometheus.url, [
    series('foresail_retro_latency_seconds', 'baseline', 0.2, 1),
    series('foresail_retro_latency_seconds', 'canary', 0.3, 2),
    series('foresail_retro_cpu', 'baseline', 0.5, 3),
    series('foresail_retro_cpu', 'canary', 0.5, 3),
  ]);
}, 60_000);

const metric = (name: string, series: string, critical = false) => ({
  name,
  groups: [name],
  query: { type: 'prometheus', customInlineTemplate: `PromQL:${series}{run="${run}",version="\${scope}"}` },
  analysisConfigurations: { canary: { direction: 'increase', critical } },
});
const config = { name: 'retro-inline', applications: [app], metrics: [metric('latency', 'foresail_retro_latency_seconds', true), metric('cpu', 'foresail_retro_cpu')], classifier: { groupWeights: { latency: 50, cpu: 50 } } };
const window = { start: new Date(start).toISOString(), end: new Date(start + 590_000).toISOString() };
const request = { application: app, canaryConfig: config, metricsAccountName: 'metrics', controlScope: 'baseline', experimentScope: 'canary', ...window, step: 10, thresholds: { pass: 95, marginal: 75 } };

describe('retrospective canary analyses', () => {
  it('judges a past window against real Prometheus, stores it, and reads it back with evidence', async () => {
    const res = await call<CanaryAnalysisView>(list.POST, { method: 'POST', path: '/api/v1/canary/analyses', body: request, headers: executor });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { record } = res.body;
    expect(res.body).toMatchObject({ application: app, status: 'COMPLETE', configName: 'retro-inline', score: 0, createdBy: 'eve' });
    expect(record?.result.score.classification).toBe('Fail');
    const latency = record?.result.results.find((r) => r.name === 'latency');
    expect(latency).toMatchObject({ classification: 'High', critical: true });
    expect(latency?.experiment.stats.count).toBe(60);
    expect(record?.result.results.find((r) => r.name === 'cpu')?.classification).toBe('Pass');
    expect(record?.queries.latency?.experiment).toBe(`foresail_retro_latency_seconds{run="${run}",version="canary"}`);
    expect(record?.series.find((s) => s.name === 'latency')?.control).toHaveLength(60);

    const got = await call<CanaryAnalysisView>(one.GET, { path: `/api/v1/canary/analyses/${res.body.id}`, params: { id: res.body.id }, headers: viewer });
    expect(got.status).toBe(200);
    expect(got.body.record?.result.score.score).toBe(0);
    const hidden = await call(one.GET, { path: `/api/v1/canary/analyses/${res.body.id}`, params: { id: res.body.id }, headers: stranger });
    expect(hidden.status).toBe(404);
    const listed = await call<{ id: string }[]>(list.GET, { path: `/api/v1/canary/analyses?application=${app}`, headers: viewer });
    expect(listed.body.map((a) => a.id)).toContain(res.body.id);
  });

  it('refuses readers (403) and names bad fields (422)', async () => {
    const denied = await call(list.POST, { method: 'POST', path: '/api/v1/canary/analyses', body: request, headers: viewer });
    expect(denied.status).toBe(403);
    const backwards = await call<{ message: string }>(list.POST, { method: 'POST', path: '/api/v1/canary/analyses', body: { ...request, end: window.start }, headers: executor });
    expect(backwards.status).toBe(422);
    expect(backwards.body.message).toMatch(/^end must be after start/);
    const both = await call<{ message: string }>(list.POST, { method: 'POST', path: '/api/v1/canary/analyses', body: { ...request, canaryConfigId: 'x' }, headers: executor });
    expect(both.body.message).toMatch(/^canaryConfigId: give exactly one/);
    const account = await call<{ message: string }>(list.POST, { method: 'POST', path: '/api/v1/canary/analyses', body: { ...request, metricsAccountName: 'nope' }, headers: executor });
    expect(account.status).toBe(422);
    expect(account.body.message).toMatch(/^metricsAccountName: No Prometheus metrics account named nope/);
  });

  it('answers spin retro through Gate: the adhoc request, then a complete status with the judge result', async () => {
    const side = (scope: string) => ({ scope, location: 'here', ...window, step: 10, extendedScopeParams: {} });
    const body = { canaryConfig: config, executionRequest: { scopes: { default: { controlScope: side('baseline'), experimentScope: side('canary') } }, thresholds: { pass: 95, marginal: 75 } } };
    const started = await call<{ canaryExecutionId: string }>(gateStart.POST, { method: 'POST', path: '/api/gate/v2/canaries/canary?metricsAccountName=metrics', body, headers: executor });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const id = started.body.canaryExecutionId;
    const status = await call<{ complete: boolean; status: string; result: { judgeResult: { score: { classification: string }; results: { name: string; classification: string }[] } } }>(gateOne.GET, { path: `/api/gate/v2/canaries/canary/${id}`, params: { id }, headers: viewer });
    expect(status.body).toMatchObject({ complete: true, status: 'succeeded', result: { judgeResult: { score: { classification: 'Fail' } } } });
    expect(status.body.result.judgeResult.results.map((r) => `${r.name}:${r.classification}`).sort()).toStrictEqual(['cpu:Pass', 'latency:High']);
    const bad = await call<{ message: string }>(gateStart.POST, { method: 'POST', path: '/api/gate/v2/canaries/canary', body: { ...body, executionRequest: { scopes: { default: { controlScope: side('baseline'), experimentScope: { ...side('canary'), start: 'yesterday' } } } } }, headers: executor });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/^executionRequest\.scopes\.default\.experimentScope\.start: an ISO 8601 instant/);
  });

  it('runs a stored config through Gate (POST /v2/canaries/canary/{configId}) and lists the runs newest first', async () => {
    const configId = `stored-${run}`;
    await insertCanaryConfig({ id: configId, application: app, name: configId, config: { ...config, name: configId }, by: 'test' });
    const side = (scope: string) => ({ scope, location: 'here', ...window, step: 10 });
    const request = { scopes: { default: { controlScope: side('baseline'), experimentScope: side('canary') } }, thresholds: { pass: 95, marginal: 75 }, siteLocal: {} };
    const path = `/api/gate/v2/canaries/canary/${configId}?metricsAccountName=metrics`;
    const started = await call<{ canaryExecutionId: string }>(gateOne.POST, { method: 'POST', path, params: { id: configId }, body: request, headers: executor });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const id = started.body.canaryExecutionId;
    const status = await call<{ canaryConfigId: string; application: string; result: { judgeResult: { score: { classification: string } } } }>(gateOne.GET, { path: `/api/gate/v2/canaries/canary/${id}`, params: { id }, headers: viewer });
    expect(status.body).toMatchObject({ canaryConfigId: configId, application: app, result: { judgeResult: { score: { classification: 'Fail' } } } });
    // Thresholds low enough for the same data to pass: a second, newer run.
    const lenient = await call<{ canaryExecutionId: string }>(gateOne.POST, { method: 'POST', path, params: { id: configId }, body: { ...request, thresholds: { pass: 0, marginal: 0 } }, headers: executor });
    expect(lenient.status).toBe(200);

    type Listed = { pipelineId: string; status: string; canaryConfigId: string; result: { judgeResult: { score: { classification: string } } } };
    const list = (query: string, headers = viewer) => call<Listed[]>(gateList.GET, { path: `/api/gate/v2/canaries/${app}/executions${query}`, params: { application: app }, headers });
    const listed = await list('?limit=50');
    expect(listed.status).toBe(200);
    const mine = listed.body.filter((e) => e.canaryConfigId === configId);
    expect(mine.map((e) => e.pipelineId)).toStrictEqual([lenient.body.canaryExecutionId, id]);
    expect(mine.map((e) => e.result.judgeResult.score.classification)).toStrictEqual(['Pass', 'Fail']);
    expect((await list('?limit=1&page=2')).body.map((e) => e.pipelineId)).toStrictEqual([listed.body[1]?.pipelineId]);
    expect((await list('?limit=50&statuses=RUNNING')).body).toStrictEqual([]);
    expect((await list('?limit=50&statuses=succeeded,terminal')).body.length).toBe(listed.body.length);
    const badStatus = await list('?statuses=DONE');
    expect(badStatus.status).toBe(422);
    expect(JSON.stringify(badStatus.body)).toContain('statuses');
    expect((await list('?limit=0')).status).toBe(422);
    expect((await list('', stranger)).status).toBe(404);

    // A reader may not run it (403), a stranger may not see the config (404), another application is named as the mistake (422).
    expect((await call(gateOne.POST, { method: 'POST', path, params: { id: configId }, body: request, headers: viewer })).status).toBe(403);
    expect((await call(gateOne.POST, { method: 'POST', path, params: { id: configId }, body: request, headers: stranger })).status).toBe(404);
    const elsewhere = await call<{ message: string }>(gateOne.POST, { method: 'POST', path: `${path}&application=other`, params: { id: configId }, body: request, headers: executor });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.message).toMatch(/^application: canary config .* belongs to application retro/);
    const late = await call<{ message: string }>(gateOne.POST, { method: 'POST', path, params: { id: configId }, body: { scopes: { default: { controlScope: side('baseline'), experimentScope: { ...side('canary'), end: window.start } } } }, headers: executor });
    expect(late.status).toBe(422);
    expect(late.body.message).toMatch(/^scopes\.default\.experimentScope\.end must be after start/);
  });

  it('previews one metric for one scope: the PromQL and the series', async () => {
    const res = await call<{ query: string; series: { labels: Record<string, string>; points: [number, number | null][] }[] }>(preview.POST, {
      method: 'POST',
      path: '/api/v1/canary/preview',
      body: { application: app, metricsAccountName: 'metrics', metric: config.metrics[0], scope: 'canary', ...window, step: 10 },
      headers: viewer,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.query).toBe(`foresail_retro_latency_seconds{run="${run}",version="canary"}`);
    expect(res.body.series).toHaveLength(1);
    expect(res.body.series[0]?.labels).toMatchObject({ version: 'canary' });
    expect(res.body.series[0]?.points).toHaveLength(60);
    const broken = await call<{ message: string }>(preview.POST, { method: 'POST', path: '/api/v1/canary/preview', body: { application: app, metricsAccountName: 'metrics', metric: { ...config.metrics[0], query: { type: 'prometheus', customInlineTemplate: 'PromQL:rate(' } }, scope: 'canary', ...window }, headers: viewer });
    expect(broken.status).toBe(422);
    expect(broken.body.message).toMatch(/^metric\.query: /);
    const hidden = await call(preview.POST, { method: 'POST', path: '/api/v1/canary/preview', body: { application: app, metric: config.metrics[0], scope: 'canary', ...window }, headers: stranger });
    expect(hidden.status).toBe(404);
  });
});
