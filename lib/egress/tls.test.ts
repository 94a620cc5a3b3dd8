import fs from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '@/lib/world/cluster/pki';
import { EgressNetworkError } from './errors';
import { egressFetch } from './fetch';

const local = { allow: ['127.0.0.1'] };
let server: Server;
let url = '';
let ca = '';
let dir = '';

beforeAll(async () => {
  // A real HTTPS server whose certificate a private CA signed (openssl, as the test clusters do).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-egress-tls-'));
  const pki = await ensurePki(path.join(dir, 'pki'), 'egress-tls');
  ca = fs.readFileSync(pki.caCert, 'utf8');
  server = createServer({ cert: fs.readFileSync(pki.apiserverCert), key: fs.readFileSync(pki.apiserverKey) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('secure hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('egress TLS options', () => {
  it('refuses a certificate from an unknown CA by default', async () => {
    await expect(egressFetch(url, { method: 'GET' }, local)).rejects.toBeInstanceOf(EgressNetworkError);
  });

  it('trusts the account CA it is given', async () => {
    const res = await egressFetch(url, { method: 'GET', tls: { ca } }, local);
    expect(res.status).toBe(200);
    expect(res.body).toBe('secure hello');
  });

  it('accepts any certificate only when checks are turned off explicitly', async () => {
    const res = await egressFetch(url, { method: 'GET', tls: { rejectUnauthorized: false } }, local);
    expect(res.body).toBe('secure hello');
  });

  it('still applies the address policy over TLS', async () => {
    await expect(egressFetch(url, { method: 'GET', tls: { ca } }, { allow: [] })).rejects.toThrow(/loopback/);
  });
});
