import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { judge, parseJudgeInput } from '@/lib/canary/stats';
import * as route from './route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

let user: Record<string, string> = {};
beforeAll(async () => {
  // No application roles at all: judging touches no stored data.
  user = { cookie: cookieHeader(await sessionCookie({ login: 'nobody', groups: [], secret: testSecret })) };
});

const baseline = Array.from({ length: 40 }, (_, i) => 100 + (i % 7));
const request = (experiment: unknown[]) => ({
  config: {
    metrics: [{ name: 'latency', groups: ['perf'], analysisConfigurations: { canary: { direction: 'increase', critical: true } } }],
    classifier: { groupWeights: { perf: 100 } },
  },
  metricSetPairs: [{ name: 'latency', tags: {}, values: { control: baseline, experiment } }],
  thresholds: { pass: 75, marginal: 50 },
});
type Result = { score: { score: number; classification: string }; results: { name: string; classification: string }[] };

describe('POST /api/v1/canary/judge', () => {
  it('judges with the same code as the CLI: 30 % slower fails, identical passes', async () => {
    const slower = request(baseline.map((v) => v * 1.3));
    const res = await call<Result>(route.POST, { method: 'POST', path: '/api/v1/canary/judge', body: slower, headers: user });
    expect(res.status).toBe(200);
    expect(res.body.score.classification).toBe('Fail');
    expect(res.body.results[0]?.classification).toBe('High');
    const parsed = parseJudgeInput(slower);
    if (!('input' in parsed)) throw new Error('fixture invalid');
    expect(res.body).toEqual(JSON.parse(JSON.stringify(judge(parsed.input))));

    const same = await call<Result>(route.POST, { method: 'POST', path: '/api/v1/canary/judge', body: request(baseline.map((v) => String(v))), headers: user });
    expect(same.body.score).toMatchObject({ score: 100, classification: 'Pass' });
  });

  it('answers 400 naming the bad field, 401 without a session, 415 for non-JSON', async () => {
    const bad = await call<{ error: string; message: string; issues: { path: string }[] }>(route.POST, { method: 'POST', path: '/api/v1/canary/judge', body: request([1, 'fast', 3]), headers: user });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i) => i.path)).toEqual(['metricSetPairs[0].values.experiment[1]']);
    expect(bad.body.message).toMatch(/^metricSetPairs\[0\]\.values\.experiment\[1\] must be a number/);
    const noThresholds = await call<{ issues: { path: string }[] }>(route.POST, { method: 'POST', path: '/api/v1/canary/judge', body: { ...request([1]), thresholds: undefined }, headers: user });
    expect(noThresholds.body.issues[0]?.path).toBe('thresholds');
    expect((await call(route.POST, { method: 'POST', path: '/api/v1/canary/judge', body: request([1]) })).status).toBe(401);
    expect((await call(route.POST, { method: 'POST', path: '/api/v1/canary/judge', rawBody: 'x', headers: { ...user, 'content-type': 'text/plain' } })).status).toBe(415);
  });

  it('runs foresail-v1 when the config names it, one interval per call with the state passed back', async () => {
    const foresail = (experiment: number[], state?: unknown) => {
      const body = request(experiment);
      return { ...body, config: { ...body.config, judge: { name: 'foresail-v1', judgeConfigurations: {} } }, ...(state ? { state } : {}) };
    };
    type Sequential = Result & { judgeName: string; sequential: { look: number; state: unknown } };
    const first = await call<Sequential>(route.POST, { method: 'POST', path: '/api/v1/canary/judge', body: foresail(baseline.map((v) => v * 1.3)), headers: user });
    expect(first.status).toBe(200);
    expect(first.body.judgeName).toBe('foresail-v1');
    expect(first.body.sequential.look).toBe(1);
    expect(first.body.results[0]?.classification).toBe('High');
    // A failed metric stays failed: the next interval continues from the returned state.
    const second = await call<Sequential>(route.POST, { method: 'POST', path: '/api/v1/canary/judge', body: foresail(baseline, first.body.sequential.state), headers: user });
    expect(second.body.sequential.look).toBe(2);
    expect(second.body.results[0]?.classification).toBe('High');

    const kayentaWithState = await call<{ message: string }>(route.POST, { method: 'POST', path: '/api/v1/canary/judge', body: { ...request(baseline), state: first.body.sequential.state }, headers: user });
    expect(kayentaWithState.status).toBe(400);
    expect(kayentaWithState.body.message).toMatch(/^state: only the foresail-v1 judge carries state/);
    const unknown = await call<{ message: string }>(route.POST, { method: 'POST', path: '/api/v1/canary/judge', body: { ...request(baseline), config: { ...request(baseline).config, judge: { name: 'dredd-v1.0' } } }, headers: user });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/^config\.judge\.name: Foresail has no judge named "dredd-v1.0"/);
  });
});
