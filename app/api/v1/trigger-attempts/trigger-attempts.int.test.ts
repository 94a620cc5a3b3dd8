import { beforeAll, describe, expect, it } from 'vitest';
import { testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { call } from '@/e2e/runner/route-client';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { recordTriggerAttempts, type TriggerAttemptDto } from '@/lib/db/trigger-attempts';
import { GET } from './route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

type Page = { attempts: TriggerAttemptDto[]; nextCursor: string | null };
const as = async (login: string, groups: string[]) => ({ cookie: cookieHeader(await sessionCookie({ login, groups, secret: testSecret })) });
let admin: Record<string, string> = {};
let shopViewer: Record<string, string> = {};
let outsider: Record<string, string> = {};

beforeAll(async () => {
  await createApplication({ name: 'shop', ownerEmail: 'a@example.com', description: '', permissions: { READ: ['shop-readers'], WRITE: [], EXECUTE: [] } });
  await createApplication({ name: 'vault', ownerEmail: 'a@example.com', description: '', permissions: { READ: ['vault-readers'], WRITE: [], EXECUTE: [] } });
  await recordTriggerAttempts([
    { source: 'github', application: 'shop', pipelineId: 'p-shop', deliveryId: 'd1', outcome: 'ignored', reason: 'branch feature/x does not match ^main$' },
    { source: 'docker', application: 'shop', pipelineId: 'p-shop-2', outcome: 'refused', reason: 'token invalid' },
    { source: 'github', application: 'vault', pipelineId: 'p-vault', deliveryId: 'd2', outcome: 'refused', reason: 'signature invalid' },
    { source: 'github', deliveryId: 'd3', outcome: 'ignored', reason: 'no pipeline triggers on acme/api' },
    { source: 'cron', application: 'shop', pipelineId: 'p-shop', outcome: 'ignored', reason: 'x'.repeat(5_000) },
  ]);
  admin = await as('alice', ['admins']);
  shopViewer = await as('bob', ['shop-readers']);
  outsider = await as('carol', ['nobody']);
});

const list = (headers: Record<string, string>, query = '') => call<Page>(GET, { path: `/api/v1/trigger-attempts${query}`, headers });

describe('GET /api/v1/trigger-attempts', () => {
  it('needs a signed-in caller', async () => {
    expect((await list({})).status).toBe(401);
  });

  it('shows administrators every attempt, newest first, reasons bounded', async () => {
    const res = await list(admin);
    expect(res.status).toBe(200);
    expect(res.body.attempts.map((a) => a.reason.slice(0, 20))).toEqual(['x'.repeat(20), 'no pipeline triggers', 'signature invalid', 'token invalid', 'branch feature/x doe']);
    expect(res.body.attempts[0]?.reason).toHaveLength(2_000);
    expect(res.body.attempts[3]).toMatchObject({ source: 'docker', application: 'shop', pipelineId: 'p-shop-2', outcome: 'refused', deliveryId: null, executionId: null, details: {} });
  });

  it('shows others only the applications they can read', async () => {
    expect((await list(shopViewer)).body.attempts.map((a) => a.application)).toEqual(['shop', 'shop', 'shop']);
    expect((await list(outsider)).body.attempts).toEqual([]);
    expect((await list(shopViewer, '?application=vault')).body.attempts).toEqual([]);
  });

  it('filters by application, pipeline and source, and pages with a cursor', async () => {
    expect((await list(admin, '?application=shop&source=github')).body.attempts.map((a) => a.deliveryId)).toEqual(['d1']);
    expect((await list(admin, '?pipeline=p-shop')).body.attempts.map((a) => a.source)).toEqual(['cron', 'github']);
    const first = await list(admin, '?limit=2');
    expect(first.body.attempts).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await list(admin, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.attempts.map((a) => a.reason)).toEqual(['signature invalid', 'token invalid']);
  });

  it('rejects malformed queries with 422', async () => {
    expect((await list(admin, '?limit=0')).status).toBe(422);
    expect((await list(admin, '?cursor=abc')).status).toBe(422);
    expect((await list(admin, '?bogus=1')).status).toBe(422);
  });
});
