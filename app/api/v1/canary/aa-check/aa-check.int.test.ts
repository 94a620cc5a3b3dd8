import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { readPrometheus } from '@/lib/world/endpoints';
import type { AaCheckResult } from '@/lib/canary/analysis/aa-check-api';
import { createApplication } from '@/lib/db/applications';
import { reloadConfig } from '@/lib/env';
import { seededRandom } from '@/lib/testing/latency-series';
import { pushSeries } from '@/lib/testing/prometheus-push';
import * as route from './route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: ['developers'] });

const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);
const app = 'aa-check';
let executor: Record<string, string> = {};
let viewer: Record<string, string> = {};
let stranger: Record<string, string> = {};
// Two hours of production history, a point a minute: steady for the first 82 minutes, then 50 % slower.
const start = Math.floor((Date.now() - 125 * 60_000) / 60_000) * 60_000;

beforeAll(async () => {
  const file = process.env.FORESAIL_CONFIG ?? '';
  const config = parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(file, stringify({ ...config, prometheus: { egress: { allow: ['127.0.0.1'] }, accounts: [{ name: 'metrics', url: prometheus.url, permissions: { READ: ['runners', 'viewers'] } }] } }));
  reloadConfig();
  await createApplication({ name: app, ownerEmail: 'a@example.com', description: '', permissions: { READ: ['viewers'], WRITE: [], EXECUTE: ['runners'] } });
  executor = { cookie: cookieHeader(await sessionCookie({ login: 'eve', groups: ['runners'], secret: testSecret })) };
  viewer = { cookie: cookieHeader(await sessionCookie({ login: 'vic', groups: ['viewers'], secret: testSecret })) };
  stranger = { cookie: cookieHeader(await sessionCookie({ login: 'sam', groups: ['others'], secret: testSecret })) };
  const random = seededRandom(21);
  const samples: [number, number][] = Array.from({ length: 120 }, (_, i) => [start + i * 60_000, (i < 82 ? 0.2 : 0.3) * (1 + 0.1 * (random() - 0.5))]);
  await pushSeries(prometheus.url, [{ labels: { __name__: 'foresail_aa_latency_seconds', run, deployment: 'checkout' }, samples }]);
}, 60_000);

const config = (judge: string) => ({
  name: 'aa',
  judge: { name: judge, judgeConfigurations: {} },
  metrics: [{ name: 'latency', groups: ['g'], query: { type: 'prometheus', customInlineTemplate: `PromQL:foresail_aa_latency_seconds{run="${run}",deployment="\${scope}"}` }, analysisConfigurations: { canary: { direction: 'increase', critical: true } } }],
  classifier: { groupWeights: { g: 100 } },
});
const request = (judge: string, hours = { from: 0, to: 120 }) => ({
  application: app,
  canaryConfig: config(judge),
  metricsAccountName: 'metrics',
  scope: 'checkout',
  start: new Date(start + hours.from * 60_000).toISOString(),
  end: new Date(start + hours.to * 60_000 - 1).toISOString(),
  lifetimeMinutes: 20,
  intervalMinutes: 5,
  step: 60,
});
const post = (body: unknown, headers: Record<string, string>) => call<AaCheckResult & { message?: string }>(route.POST, { method: 'POST', path: '/api/v1/canary/aa-check', body, headers });

describe('A/A check of a canary config on one production workload', () => {
  it('passes every window pair of a steady workload, and reports how each run was decided', async () => {
    const res = await post(request('foresail-v1', { from: 0, to: 85 }), executor);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ judgeName: 'foresail-v1', total: 3, failed: 0, rate: 0, intervalsPerRun: 4 });
    expect(res.body.runs[0]).toMatchObject({ canaryStartMs: start + 20 * 60_000, baselineStartMs: start, passed: true, decidedAt: 4 });
  });

  it('counts the window pairs that straddle a change in the workload as false alarms, per metric', async () => {
    const res = await post(request('NetflixACAJudge-v1.0'), executor);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.judgeName).toBe('NetflixACAJudge-v1.0');
    expect(res.body.total).toBe(4);
    expect(res.body.failed).toBeGreaterThanOrEqual(1);
    expect(res.body.perMetric.latency).toBe(res.body.failed);
    expect(res.body.rate).toBeCloseTo(res.body.failed / 4, 10);
  });

  it('needs WRITE or EXECUTE (403 for readers, 404 for strangers) and names bad fields (422)', async () => {
    expect((await post(request('foresail-v1'), viewer)).status).toBe(403);
    expect((await post(request('foresail-v1'), stranger)).status).toBe(404);
    const backwards = await post({ ...request('foresail-v1'), intervalMinutes: 30 }, executor);
    expect(backwards.status).toBe(422);
    expect(backwards.body.message).toMatch(/^intervalMinutes must not be longer than the lifetime/);
    const judge = await post({ ...request('foresail-v1'), canaryConfig: config('dredd-v1.0') }, executor);
    expect(judge.status).toBe(400);
    expect(judge.body.message).toMatch(/no judge named "dredd-v1.0"/);
  });
});
