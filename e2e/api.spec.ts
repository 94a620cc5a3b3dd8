import { expect, test } from './support/fixtures';
import { anonymous } from './support/sign-in';

test.describe('HTTP API on the running server', () => {
  test('health reports ready with database, migrations and a live worker, without signing in', async ({ request }) => {
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', live: true, ready: true, checks: { database: { ok: true }, migrations: { ok: true, pending: [] }, worker: { ok: true } } });
  });

  test('metrics expose process metrics and request durations by route and status', async ({ request, adminApi }) => {
    await adminApi.get('/api/v1/applications/does-not-exist');
    const text = await (await request.get('/api/metrics')).text();
    expect(text).toContain('foresail_process_resident_memory_bytes');
    expect(text).toMatch(/foresail_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/applications\/\[name\]",status="404"\} \d+/);
  });

  // The authorization matrix (app/api/authorization-matrix.int.test.ts) defers these to real HTTP.
  test('next-auth endpoints answer anyone, and sign-out needs next-auth’s CSRF token', async ({ playwright, foresail, adminToken }) => {
    for (const auth of [undefined, `Bearer ${adminToken}`, 'Bearer fst_bad']) {
      const api = await playwright.request.newContext({ baseURL: foresail.url, storageState: anonymous, extraHTTPHeaders: auth ? { authorization: auth } : {} });
      const providers = await api.get('/api/auth/providers');
      expect(providers.status()).toBe(200);
      expect(Object.keys(await providers.json())).toEqual(['github']);
      const signout = await api.post('/api/auth/signout', { form: { callbackUrl: '/' }, maxRedirects: 0 });
      expect(signout.status()).toBe(302);
      expect(signout.headers().location).toContain('csrf=true');
      await api.dispose();
    }
  });

  test('anonymous API calls get 401 JSON', async ({ playwright, foresail }) => {
    // The built-in `request` fixture carries the test user's cookies; this one carries nothing.
    const anonymousApi = await playwright.request.newContext({ baseURL: foresail.url, storageState: anonymous });
    const res = await anonymousApi.get('/api/v1/applications');
    expect(res.status()).toBe(401);
    expect((await res.json()).error).toBe('not_authenticated');
    await anonymousApi.dispose();
  });

  test('bad input always gets a 4xx JSON answer naming the problem', async ({ adminApi, adminToken, foresail }) => {
    const malformed = await adminApi.post('/api/v1/applications', { data: Buffer.from('{"name":'), headers: { 'content-type': 'application/json' } });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error).toBe('invalid_input');

    const invalid = await adminApi.post('/api/v1/applications', { data: { name: 'UPPER', ownerEmail: 'a@b.co' } });
    expect(invalid.status()).toBe(422);
    expect((await invalid.json()).issues[0].path).toBe('name');

    const oversized = await fetch(`${foresail.url}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ name: 'huge', ownerEmail: 'a@b.co', description: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(oversized.status).toBe(413);

    const unknownApp = await adminApi.patch('/api/v1/applications/ghost', { data: { description: 'x' } });
    expect(unknownApp.status()).toBe(404);
    expect((await unknownApp.json()).message).toBe('Application ghost not found');

    const unknownPath = await adminApi.get('/api/v1/nothing-here');
    expect(unknownPath.status()).toBe(404);
    expect(unknownPath.headers()['content-type']).toContain('application/json');
  });

  test('every response carries a request id and security headers', async ({ adminApi }) => {
    const res = await adminApi.get('/api/v1/applications', { headers: { 'x-request-id': 'e2e-trace-1' } });
    expect(res.headers()['x-request-id']).toBe('e2e-trace-1');
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
