import { beforeAll, describe, expect, it } from 'vitest';
import { testOrigin, testSecret, useAuthConfig } from '@/e2e/runner/auth-test-config';
import { cookieHeader, sessionCookie } from '@/e2e/runner/session-cookies';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { GET as list, POST as create } from './route';
import { DELETE as remove, GET as get, PATCH as patch } from './[name]/route';

useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: ['developers'] });

// Input handling, as an administrator (who passes every permission check); the authorization
// matrix test covers who may call what.
let admin: Record<string, string> = {};
beforeAll(async () => {
  admin = { cookie: cookieHeader(await sessionCookie({ login: 'alice', groups: ['admins'], secret: testSecret })), origin: testOrigin };
});

const base = `${testOrigin}/api/v1/applications`;
const noParams = { params: Promise.resolve({}) };
const named = (name: string) => ({ params: Promise.resolve({ name }) });
const jsonRequest = (url: string, method: string, body: string) => new Request(url, { method, body, headers: { ...admin, 'content-type': 'application/json' } });
const plain = (url: string, method = 'GET') => new Request(url, { method, headers: admin });

async function body(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

describe('/api/v1/applications', () => {
  it('creates an application and reads it back', async () => {
    const res = await create(jsonRequest(base, 'POST', JSON.stringify({ name: 'orders', ownerEmail: 'orders@example.com', description: 'Order service' })), noParams);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/v1/applications/orders');
    const got = await get(plain(`${base}/orders`), named('orders'));
    expect(got.status).toBe(200);
    expect(await body(got)).toMatchObject({ name: 'orders', description: 'Order service', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
    const all = await list(plain(`${base}?q=order`), noParams);
    expect(((await all.json()) as { name: string }[]).map((a) => a.name)).toContain('orders');
  });

  it('names each invalid field', async () => {
    const res = await create(jsonRequest(base, 'POST', JSON.stringify({ name: 'Bad Name', ownerEmail: 'nope' })), noParams);
    expect(res.status).toBe(422);
    const issues = (await body(res)).issues as { path: string }[];
    expect(issues.map((i) => i.path).sort()).toEqual(['name', 'ownerEmail']);
  });

  it('names a missing required field', async () => {
    const res = await create(jsonRequest(base, 'POST', JSON.stringify({ name: 'lonely' })), noParams);
    expect(res.status).toBe(422);
    expect((await body(res)).message).toBe('ownerEmail is required: the owning team’s email address, e.g. "team@example.com"');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await create(jsonRequest(base, 'POST', '{"name": "x",'), noParams);
    expect(res.status).toBe(400);
    expect((await body(res)).message).toMatch(/not valid JSON/);
  });

  it('refuses an oversized body with 413', async () => {
    const huge = JSON.stringify({ name: 'big', ownerEmail: 'a@b.co', description: 'x'.repeat(2 * 1024 * 1024) });
    const res = await create(jsonRequest(base, 'POST', huge), noParams);
    expect(res.status).toBe(413);
  });

  it('refuses a non-JSON body with 415', async () => {
    const res = await create(new Request(base, { method: 'POST', body: 'name=x', headers: { ...admin, 'content-type': 'text/plain' } }), noParams);
    expect(res.status).toBe(415);
  });

  it('answers 409 for a duplicate', async () => {
    const payload = JSON.stringify({ name: 'twice', ownerEmail: 'a@example.com' });
    expect((await create(jsonRequest(base, 'POST', payload), noParams)).status).toBe(201);
    const again = await create(jsonRequest(base, 'POST', payload), noParams);
    expect(again.status).toBe(409);
    expect((await body(again)).message).toBe('Application twice already exists');
  });

  it('answers 404 for unknown applications on every verb', async () => {
    expect((await get(plain(`${base}/ghost`), named('ghost'))).status).toBe(404);
    expect((await patch(jsonRequest(`${base}/ghost`, 'PATCH', '{"description":"x"}'), named('ghost'))).status).toBe(404);
    expect((await remove(plain(`${base}/ghost`, 'DELETE'), named('ghost'))).status).toBe(404);
  });

  it('edits description and owner email, refusing an empty or invalid patch', async () => {
    await create(jsonRequest(base, 'POST', JSON.stringify({ name: 'editable', ownerEmail: 'a@example.com' })), noParams);
    const res = await patch(jsonRequest(`${base}/editable`, 'PATCH', JSON.stringify({ description: 'New words', ownerEmail: 'b@example.com' })), named('editable'));
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ description: 'New words', ownerEmail: 'b@example.com' });
    expect((await patch(jsonRequest(`${base}/editable`, 'PATCH', '{}'), named('editable'))).status).toBe(422);
    expect((await patch(jsonRequest(`${base}/editable`, 'PATCH', '{"name":"renamed"}'), named('editable'))).status).toBe(422);
  });

  it('deletes with 204', async () => {
    await create(jsonRequest(base, 'POST', JSON.stringify({ name: 'doomed', ownerEmail: 'a@example.com' })), noParams);
    expect((await remove(plain(`${base}/doomed`, 'DELETE'), named('doomed'))).status).toBe(204);
    expect((await get(plain(`${base}/doomed`), named('doomed'))).status).toBe(404);
  });
});
