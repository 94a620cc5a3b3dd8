import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressNetworkError, EgressRefusedError } from './errors';
import { egressFetch } from './fetch';
import { dnsServerLookup } from './resolver';
import { startTestDnsServer, type TestDnsServer } from './test-dns-server';
import { sendJson, startTestServer, type TestServer } from './test-server';

let dns: TestDnsServer;
let good: TestServer;
let secret: TestServer;

beforeAll(async () => {
  dns = await startTestDnsServer((name, type, asked) => {
    const table: Record<string, { A?: string[]; AAAA?: string[] }> = {
      'both.test': { A: ['127.0.0.2'], AAAA: ['::1'] },
      'v4only.test': { A: ['127.0.0.2', '127.0.0.3'] },
      // Rebinding: an allowed address for the check, the internal one for any later question.
      'rebind.test': { A: [asked === 0 ? '127.0.0.2' : '127.0.0.1'] },
    };
    const entry = table[name];
    return entry ? (entry[type] ?? []) : undefined;
  });
  // The same port on 127.0.0.2 (allowed) and 127.0.0.1 (internal): the answer says which address the call reached.
  good = await startTestServer((_req, res) => sendJson(res, 200, { who: 'allowed' }), { host: '127.0.0.2' });
  secret = await startTestServer((_req, res) => sendJson(res, 200, { who: 'internal' }), { port: good.port });
});
afterAll(async () => {
  await Promise.all([dns.close(), good.close(), secret.close()]);
});

describe('dnsServerLookup (egress.dnsServers)', () => {
  it('returns every A and AAAA record from the configured server', async () => {
    const lookup = dnsServerLookup([dns.address]);
    expect(await lookup('both.test')).toEqual([
      { address: '127.0.0.2', family: 4 },
      { address: '::1', family: 6 },
    ]);
    expect(await lookup('V4ONLY.test')).toEqual([
      { address: '127.0.0.2', family: 4 },
      { address: '127.0.0.3', family: 4 },
    ]);
  });

  it('reports a name the server does not know as missing from DNS', async () => {
    const err = await egressFetch('http://nowhere.test/', { method: 'GET' }, { allow: [], lookup: dnsServerLookup([dns.address]) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressNetworkError);
    expect((err as Error).message).toBe('Could not find host nowhere.test: it does not exist in DNS');
  });

  it('refuses a name with any blocked record', async () => {
    await expect(egressFetch('http://both.test/', { method: 'GET' }, { allow: ['127.0.0.2'], lookup: dnsServerLookup([dns.address]) })).rejects.toThrow(
      new EgressRefusedError('both.test resolves to ::1, which is a loopback address; ask an administrator to allow it in egress.allow'),
    );
  });

  it('asks once per call and connects to the checked address, so a changed answer (rebinding) cannot reach the internal host', async () => {
    const port = good.port;
    const before = dns.queries.filter((q) => q.name === 'rebind.test' && q.type === 'A').length;
    const response = await egressFetch(`http://rebind.test:${port}/`, { method: 'GET' }, { allow: ['127.0.0.2'], lookup: dnsServerLookup([dns.address]) });
    expect(JSON.parse(response.body)).toEqual({ who: 'allowed' });
    expect(dns.queries.filter((q) => q.name === 'rebind.test' && q.type === 'A').length - before).toBe(1);
    expect(secret.requests).toHaveLength(0);
    // The next call sees the changed answer, and the policy refuses it.
    await expect(egressFetch(`http://rebind.test:${port}/`, { method: 'GET' }, { allow: ['127.0.0.2'], lookup: dnsServerLookup([dns.address]) })).rejects.toThrow(
      /^rebind\.test resolves to 127\.0\.0\.1, which is a loopback address/,
    );
  });
});
