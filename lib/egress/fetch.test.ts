import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressNetworkError, EgressRefusedError, EgressTimeoutError, EgressTooLargeError } from './errors';
import { egressFetch } from './fetch';
import type { EgressPolicy, ResolvedAddress } from './policy';
import { sendJson, startTestServer, type TestServer } from './test-server';

const closed: EgressPolicy = { allow: [] };
const local: EgressPolicy = { allow: ['127.0.0.1'] };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const url = new URL(req.path, 'http://x');
    switch (url.pathname) {
      case '/json':
        return sendJson(res, 200, { ok: true, method: req.method, host: req.headers.host });
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        // Streamed without Content-Length: the limit must count bytes as they arrive.
        for (let i = 0; i < 64; i++) res.write('x'.repeat(1024));
        return res.end();
      case '/slow':
        return void setTimeout(() => sendJson(res, 200, { late: true }), 2_000);
      case '/redirect':
        res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('to') ?? '/json' });
        return res.end();
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      default:
        return sendJson(res, 404, { error: 'not found' });
    }
  });
});
afterAll(() => server.close());

const refusal = async (url: string, policy: EgressPolicy = closed) => {
  const err = await egressFetch(url, { method: 'GET' }, policy).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(EgressRefusedError);
  return (err as Error).message;
};

describe('egressFetch refuses', () => {
  it('loopback by address, with the reason and what to do', async () => {
    expect(await refusal(`${server.origin}/json`)).toBe('127.0.0.1 is a loopback address; ask an administrator to allow it in egress.allow');
    expect(server.requests).toHaveLength(0);
  });
  it('a host name that resolves to loopback (localhost)', async () => {
    expect(await refusal(`http://localhost:${server.port}/json`)).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address; ask an administrator/);
  });
  it('the cloud metadata address', async () => {
    expect(await refusal('http://169.254.169.254/latest/meta-data/')).toBe(
      '169.254.169.254 is a link-local address (cloud metadata); ask an administrator to allow it in egress.allow',
    );
  });
  it.each([
    ['http://10.1.2.3/', '10.1.2.3 is a private address'],
    ['http://[::1]/', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, a loopback address'],
    ['http://2130706433/', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1/', '127.0.0.1 is a loopback address'],
    ['http://0177.0.0.1/', '127.0.0.1 is a loopback address'],
    ['http://0/', '0.0.0.0 is an unspecified ("this host") address'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254 is a private (unique local) address'],
    ['http://100.100.100.200/', '100.100.100.200 is a carrier-grade NAT (shared) address'],
    ['http://[64:ff9b:1::a00:1]/', '64:ff9b:1::a00:1 is a local-use NAT64 address (RFC 8215), which may reach private IPv4 hosts'],
    ['http://[64:ff9b:1:ffff::1]/', '64:ff9b:1:ffff::1 is a local-use NAT64 address (RFC 8215), which may reach private IPv4 hosts'],
    ['http://[2001::1]/', '2001::1 is a Teredo tunnel address, which carries a hidden IPv4 address'],
    ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', '2001:0:4136:e378:8000:63bf:3fff:fdd2 is a Teredo tunnel address, which carries a hidden IPv4 address'],
    ['http://[::ffff:0:7f00:1]/', '::ffff:0:7f00:1 is an IPv4-translated form of 127.0.0.1, a loopback address'],
  ])('%s', async (url, reason) => {
    expect(await refusal(url)).toBe(`${reason}; ask an administrator to allow it in egress.allow`);
  });
  it.each([
    ['file:///etc/passwd', 'file: URLs are not allowed; only http and https can be called'],
    ['ftp://example.com/x', 'ftp: URLs are not allowed; only http and https can be called'],
    ['gopher://example.com:70/_x', 'gopher: URLs are not allowed; only http and https can be called'],
    ['/relative/path', '"/relative/path" is not a valid absolute URL'],
  ])('%s', async (url, reason) => {
    expect(await refusal(url)).toBe(reason);
  });
  it('credentials in the URL, even to an allowed host', async () => {
    expect(await refusal(`http://user:secret@127.0.0.1:${server.port}/json`, local)).toBe(
      'The URL for 127.0.0.1 contains a user name or password; remove it and send credentials in a header instead',
    );
  });
  it('a name with any blocked address, even when another is public', async () => {
    const lookup = async (): Promise<ResolvedAddress[]> => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    expect(await refusal('http://hooks.example.com/', { allow: [], lookup })).toBe(
      'hooks.example.com resolves to 10.0.0.5, which is a private address; ask an administrator to allow it in egress.allow',
    );
  });
  it('a redirect to a blocked address (each hop is checked)', async () => {
    const policy: EgressPolicy = { allow: ['hooks.example.com'], lookup: async () => [{ address: '127.0.0.1', family: 4 }] };
    const url = `http://hooks.example.com:${server.port}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`;
    expect(await refusal(url, policy)).toMatch(/^169\.254\.169\.254 is a link-local address \(cloud metadata\)/);
    expect(server.requests.at(-1)?.path).toMatch(/^\/redirect/);
  });
  it('a name that does not resolve, as a network error', async () => {
    const err = await egressFetch('http://no-such-host.invalid/', { method: 'GET' }, closed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressNetworkError);
    expect((err as Error).message).toMatch(/^Could not find host no-such-host\.invalid/);
  });
});

describe('egressFetch to an allowed address', () => {
  it('sends the request and returns status, headers and body', async () => {
    const response = await egressFetch(`${server.origin}/json`, { method: 'post', headers: { 'X-Custom': 'yes' }, body: '{}' }, local);
    expect(response).toMatchObject({ status: 200, url: `${server.origin}/json` });
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, method: 'POST' });
    const sent = server.requests.at(-1);
    expect(sent?.headers['x-custom']).toBe('yes');
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.headers.cookie).toBeUndefined();
  });
  it("ignores a caller's Host and connection headers", async () => {
    const response = await egressFetch(`${server.origin}/json`, { method: 'GET', headers: { Host: 'metadata.google.internal', Connection: 'upgrade' } }, local);
    expect(JSON.parse(response.body)).toMatchObject({ host: `127.0.0.1:${server.port}` });
  });
  it('allows by CIDR and by exact host name', async () => {
    await expect(egressFetch(`${server.origin}/json`, { method: 'GET' }, { allow: ['127.0.0.0/8'] })).resolves.toMatchObject({ status: 200 });
    const byName: EgressPolicy = { allow: ['Hooks.Example.COM'], lookup: async () => [{ address: '127.0.0.1', family: 4 }] };
    await expect(egressFetch(`http://hooks.example.com:${server.port}/json`, { method: 'GET' }, byName)).resolves.toMatchObject({ status: 200 });
    await expect(egressFetch(`http://other.example.com:${server.port}/json`, { method: 'GET' }, byName)).rejects.toBeInstanceOf(EgressRefusedError);
  });
  it('connects to the checked address and keeps the Host header (no second DNS lookup)', async () => {
    const answers = ['127.0.0.1', '10.9.9.9'];
    let lookups = 0;
    const policy: EgressPolicy = { allow: ['127.0.0.1'], lookup: async () => [{ address: answers[lookups++] ?? '10.9.9.9', family: 4 }] };
    const response = await egressFetch(`http://rebind.example.com:${server.port}/json`, { method: 'GET' }, policy);
    expect(JSON.parse(response.body)).toMatchObject({ host: `rebind.example.com:${server.port}` });
    expect(lookups).toBe(1);
  });
  it('follows redirects (re-checked), turning a 303 into a GET without the body', async () => {
    const response = await egressFetch(`${server.origin}/redirect?status=303&to=/json`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }, local);
    expect(response.url).toBe(`${server.origin}/json`);
    expect(JSON.parse(response.body)).toMatchObject({ method: 'GET' });
    expect(server.requests.at(-1)?.body).toBe('');
  });
  it('keeps the method and body on a 307', async () => {
    const response = await egressFetch(`${server.origin}/redirect?status=307&to=/json`, { method: 'PUT', body: 'payload' }, local);
    expect(JSON.parse(response.body)).toMatchObject({ method: 'PUT' });
    expect(server.requests.at(-1)?.body).toBe('payload');
  });
  it('forwards none of the caller\'s headers when a redirect leaves the origin (any header may carry a secret)', async () => {
    const to = `http://localhost:${server.port}/json`;
    const policy: EgressPolicy = { allow: ['127.0.0.1', 'localhost'] };
    const headers = { Authorization: 'Bearer t', 'X-Api-Key': 'k', 'X-Keep': '1', 'User-Agent': 'Foresail' };
    await egressFetch(`${server.origin}/redirect?to=${encodeURIComponent(to)}`, { method: 'GET', headers }, policy);
    const [first, second] = server.requests.slice(-2);
    expect(first?.headers).toMatchObject({ authorization: 'Bearer t', 'x-api-key': 'k', 'x-keep': '1', 'user-agent': 'Foresail' });
    expect(second?.headers.authorization).toBeUndefined();
    expect(second?.headers['x-api-key']).toBeUndefined();
    expect(second?.headers['x-keep']).toBeUndefined();
    expect(second?.headers['user-agent']).not.toBe('Foresail');
  });
  it('keeps the caller\'s headers on a same-origin redirect, and the body\'s type with the body on a cross-origin 307', async () => {
    const policy: EgressPolicy = { allow: ['127.0.0.1', 'localhost'] };
    await egressFetch(`${server.origin}/redirect?to=/json`, { method: 'GET', headers: { 'X-Api-Key': 'k' } }, policy);
    expect(server.requests.at(-1)?.headers['x-api-key']).toBe('k');
    const to = `http://localhost:${server.port}/json`;
    await egressFetch(`${server.origin}/redirect?status=307&to=${encodeURIComponent(to)}`, { method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'k' } }, policy);
    const moved = server.requests.at(-1);
    expect(moved).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(moved?.headers['content-type']).toBe('application/json');
    expect(moved?.headers['x-api-key']).toBeUndefined();
  });
  it('stops after 5 redirects', async () => {
    const before = server.requests.length;
    await expect(egressFetch(`${server.origin}/loop`, { method: 'GET' }, local)).rejects.toThrow(
      new EgressNetworkError(`127.0.0.1:${server.port} redirected more than 5 times; call the final URL directly`),
    );
    expect(server.requests.length - before).toBe(6);
  });
  it('enforces the response size limit while streaming', async () => {
    await expect(egressFetch(`${server.origin}/big`, { method: 'GET', maxResponseBytes: 16 * 1024 }, local)).rejects.toThrow(
      new EgressTooLargeError(`The response from 127.0.0.1:${server.port} is larger than the 16 KiB limit`),
    );
    await expect(egressFetch(`${server.origin}/big`, { method: 'GET' }, local)).resolves.toMatchObject({ status: 200 });
  });
  it('enforces the time limit', async () => {
    const started = Date.now();
    await expect(egressFetch(`${server.origin}/slow`, { method: 'GET', timeoutMs: 300 }, local)).rejects.toThrow(
      new EgressTimeoutError(`127.0.0.1:${server.port} did not answer completely within 300ms`),
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });
  it("throws the caller's abort reason when the caller gives up", async () => {
    const controller = new AbortController();
    const shutdown = new Error('worker shutting down');
    setTimeout(() => controller.abort(shutdown), 100);
    await expect(egressFetch(`${server.origin}/slow`, { method: 'GET', signal: controller.signal }, local)).rejects.toBe(shutdown);
  });
  it('reports a refused connection as a network error', async () => {
    const probe = await startTestServer(() => undefined);
    const port = probe.port;
    await probe.close();
    await expect(egressFetch(`http://127.0.0.1:${port}/`, { method: 'GET' }, local)).rejects.toThrow(
      new EgressNetworkError(`Calling 127.0.0.1:${port} failed: the connection was refused (nothing is listening on that port)`),
    );
  });
});
