/**
 * POST /api/v1/demo/push against the seeded goldengoose pipelines: only in demo mode, only for people
 * who may run goldengoose's pipelines, plain messages for bad input; a push by bob reaches the GitHub
 * webhook route signed with the Build trigger's secret and starts Build as the service account.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as github } from '@/app/api/webhooks/github/route';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { getDb } from '@/lib/db/client';
import { readCommits, commitsFile } from '@/lib/demo/commits';
import { goldengoose } from '@/lib/demo/goldengoose';
import { seedGoldengoose } from '@/lib/demo/seed/database';
import { getConfig, reloadConfig } from '@/lib/env';
import { POST } from './route';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-demo-push-'));
const push = (headers: Record<string, string>, body: unknown) => call(POST, { method: 'POST', path: '/api/v1/demo/push', headers, body });
let bob: Record<string, string>;
let dave: Record<string, string>;
const sent: string[] = [];

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] }, { demo: true });

function demoMode(on: boolean): void {
  process.env.FORESAIL_DATA_DIR = dataDir;
  process.env.FORESAIL_DEMO = String(on);
  reloadConfig();
}

beforeAll(async () => {
  demoMode(true);
  await seedGoldengoose({ dataDir: getConfig().dataDir });
  bob = { cookie: cookieHeader(await sessionCookie({ login: 'bob', groups: ['developers', 'release-managers'], secret: testSecret })) };
  dave = { cookie: cookieHeader(await sessionCookie({ login: 'dave', groups: ['viewers'], secret: testSecret })) };
  // The "network" between Foresail and itself is the webhook route handler.
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => {
    sent.push(String(input));
    return github(new NextRequest(String(input), init as ConstructorParameters<typeof NextRequest>[1]), { params: Promise.resolve({}) });
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
  for (const key of ['FORESAIL_DATA_DIR', 'FORESAIL_DEMO']) Reflect.deleteProperty(process.env, key);
  reloadConfig();
});

describe('POST /api/v1/demo/push', () => {
  it('is 404 outside the demo and 401 for anonymous callers', async () => {
    demoMode(false);
    try {
      expect(await push(bob, { profile: 'healthy' })).toMatchObject({ status: 404 });
    } finally {
      demoMode(true);
    }
    expect((await push({}, { profile: 'healthy' })).status).toBe(401);
  });

  it('refuses a viewer, saying which roles may push, and names a wrong profile in plain words', async () => {
    const refused = await push(dave, { profile: 'healthy' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toMatch(/release-managers/);
    const bad = await push(bob, { profile: 'faster' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('profile must be one of healthy, slower, erroring, borderline');
    expect(sent).toEqual([]);
  });

  it("sends GitHub's signed push to Foresail's own webhook, which starts Build as the service account", async () => {
    const res = await push(bob, { profile: 'slower' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const body = res.body as { sha: string; image: string; status: number; response: unknown };
    expect(body.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(body.image).toBe(`goldengoose:${body.sha.slice(0, 7)}`);
    expect(body).toMatchObject({ status: 202, response: { accepted: 1, refused: 0 } });
    expect(sent).toEqual([`http://127.0.0.1:3000/api/webhooks/github`]);
    // The traffic simulator will find the commit's profile here.
    expect(readCommits(commitsFile(dataDir)).at(-1)).toMatchObject({ sha: body.sha, profile: 'slower', author: 'bob' });
    const execution = await getDb().execution.findFirst({ where: { pipelineId: goldengoose.pipelines.build }, select: { authentication: true, trigger: true } });
    expect(execution?.authentication).toEqual({ user: 'goldengoose-deployer', roles: ['release-managers'] });
    expect(execution?.trigger).toMatchObject({ type: 'git', source: 'github', hash: body.sha, branch: 'main' });
  });
});
