import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import * as route from './route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

let user: Record<string, string> = {};
beforeAll(async () => {
  user = { cookie: cookieHeader(await sessionCookie({ login: 'nobody', groups: [], secret: testSecret })) };
});

const T0 = '2026-03-01T12:00:00.000Z';
const stage = (extra: Record<string, unknown> = {}) => ({
  type: 'kayentaCanary',
  canaryConfig: { canaryConfigId: 'c', lifetimeDuration: 'PT1H', canaryAnalysisIntervalMins: '30', lookbackMins: 15, baselineAnalysisOffsetInMins: '60', scopes: [{ controlScope: 'b', experimentScope: 'c' }], ...extra },
});
const post = (body: unknown, headers = user) => call<Record<string, unknown>>(route.POST, { method: 'POST', path: '/api/v1/canary/plan', body, headers });

describe('POST /api/v1/canary/plan', () => {
  it('returns the waits and the canary and baseline windows from the start time', async () => {
    const res = await post({ stage: stage(), startTime: T0 });
    expect(res.status).toBe(200);
    const at = (min: number) => Date.parse(T0) + min * 60_000;
    expect(res.body).toMatchObject({
      mode: 'realTime',
      window: 'sliding',
      thresholds: { pass: 75, marginal: 50 },
      intervals: [
        { interval: 1, atMs: at(30), canary: { startMs: at(15), endMs: at(30) }, baseline: { startMs: at(-45), endMs: at(-30) } },
        { interval: 2, atMs: at(60), canary: { startMs: at(45), endMs: at(60) }, baseline: { startMs: at(-15), endMs: at(0) } },
      ],
    });
    expect((res.body.steps as { name: string }[]).map((s) => s.name)).toStrictEqual(['Interval Wait #1', 'Run Canary #1', 'Interval Wait #2', 'Run Canary #2']);
  });

  it('answers 400 naming the bad field', async () => {
    const res = await post({ stage: stage({ canaryAnalysisIntervalMins: 'soon' }) });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^stage\.canaryConfig\.canaryAnalysisIntervalMins: must be a number/);
    const noTime = await post({ stage: stage(), startTime: 'tomorrow' });
    expect(noTime.status).toBe(400);
    expect(noTime.body.message).toMatch(/^startTime: /);
  });

  it('answers 400 naming the field for an analysis that would build an unbounded plan (P100000D every minute)', async () => {
    const huge = await post({ stage: stage({ lifetimeDuration: 'P100000D', canaryAnalysisIntervalMins: 1 }) });
    expect(huge.status).toBe(400);
    expect(huge.body.message).toMatch(/^stage\.canaryConfig\.lifetimeDuration: must be at most 30 days/);
    const tooMany = await post({ stage: stage({ lifetimeDuration: 'P30D', canaryAnalysisIntervalMins: 1, lookbackMins: 0 }) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toMatch(/^stage\.canaryConfig\.canaryAnalysisIntervalMins: makes 43,200 intervals/);
  });

  it('answers 401 without a session', async () => {
    expect((await post({ stage: stage() }, {})).status).toBe(401);
  });
});
