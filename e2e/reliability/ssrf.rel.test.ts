import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { SessionUser } from '../../lib/auth/principal';
import { createApplication } from '../../lib/db/applications';
import { getPool } from '../../lib/db/pool';
import { startTestDnsServer, type TestDnsServer } from '../../lib/egress/test-dns-server';
import { sendJson, startTestServer, type TestServer } from '../../lib/egress/test-server';
import { cancelExecution } from '../../lib/engine/actions';
import { reloadConfig } from '../../lib/env';
import { previewMetric } from '../../lib/services/canary-preview';
import { pushSeries } from '../../lib/testing/prometheus-push';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor, type ExecutionState } from '../runner/engine-harness';
import { useTestDatabase } from '../runner/test-database';
import { readPrometheus } from '../../lib/world/endpoints';

// R7 (SSRF): every user-chosen URL — webhook stages (and the status URL a remote answers with),
// judgment notifications, Prometheus metrics accounts — against loopback, 0.0.0.0, link-local,
// private ranges, IPv6 loopback/mapped/NAT64/6to4/Teredo forms, decimal/octal/hex IPv4 spellings,
// names a local DNS server resolves to internal addresses, an answer that changes between check and
// connect, and redirects from an allowed host to an internal one: each refused with its reason, and
// the allow-listed ones work. Everything runs through the real engine and services; the only network
// is 127.0.0.0/8 (servers on 127.0.0.1, .2 and .3, and a UDP DNS server configured as egress.dnsServers).
useTestDatabase();
useEngine();

const prometheus = readPrometheus();
const promPort = new URL(prometheus.url).port;
const run = randomUUID().slice(0, 8);
let dns: TestDnsServer;
/** The internal service on 127.0.0.1 nothing may reach. */
let victim: TestServer;
/** Allowed for webhooks by address (egress.allow 127.0.0.2); also the redirector and the metrics proxy. */
let allowed: TestServer;
/** Allowed for webhooks by name only (hooks.r7.test → 127.0.0.3). */
let named: TestServer;

interface Outcome {
  what: string;
  expected: 'refused' | 'allowed';
  ok: boolean;
  detail: string;
}
const outcomes: Outcome[] = [];

const A = (addresses: string[]) => ({ A: addresses });
const AAAA = (addresses: string[]) => ({ AAAA: addresses });
/** What the test DNS server answers; `asked` counts earlier questions for the name (rebinding). */
const zone: Record<string, (asked: number) => { A?: string[]; AAAA?: string[] }> = {
  'loopback.r7.test': () => A(['127.0.0.1']),
  'loopback6.r7.test': () => AAAA(['::1']),
  'mapped.r7.test': () => AAAA(['::ffff:127.0.0.1']),
  'nat64.r7.test': () => AAAA(['64:ff9b::7f00:1']),
  'metadata.r7.test': () => A(['169.254.169.254']),
  'private.r7.test': () => A(['10.0.0.7']),
  // One public and one internal record: any blocked record refuses the name.
  'mixed.r7.test': () => A(['1.1.1.1', '127.0.0.1']),
  // Changes between resolution and connect: allowed when checked, internal afterwards (TTL 0).
  'rebind.r7.test': (asked) => A([asked === 0 ? '127.0.0.2' : '127.0.0.1']),
  'rebind-late.r7.test': (asked) => A([asked === 0 ? '127.0.0.1' : '127.0.0.2']),
  'hooks.r7.test': () => A(['127.0.0.3']),
  'prom.r7.test': () => A(['127.0.0.1']),
  'prom-proxy.r7.test': () => A(['127.0.0.2']),
};

const LOOPBACK = 'a loopback address';
const ASK_WEBHOOK = 'ask an administrator to allow it in egress.allow';
const ASK_METRICS = 'ask an administrator to allow it in prometheus.egress.allow';

beforeAll(async () => {
  dns = await startTestDnsServer((name, type, asked) => {
    const entry = zone[name]?.(asked);
    return entry ? (entry[type] ?? []) : undefined;
  });
  victim = await startTestServer((_req, res) => sendJson(res, 200, { secret: 'internal' }));
  allowed = await startTestServer(
    (req, res) => {
      const url = new URL(req.path, 'http://x');
      const to = url.searchParams.get('to') ?? '';
      if (url.pathname === '/redirect') {
        res.writeHead(302, { location: to });
        return res.end();
      }
      if (url.pathname === '/accepted') return sendJson(res, 202, { statusUrl: to });
      // The metrics proxy: a 307 keeps the POSTed query.
      if (url.pathname.startsWith('/to-victim/')) {
        res.writeHead(307, { location: `http://127.0.0.1:${promPort}${url.pathname.slice('/to-victim'.length)}` });
        return res.end();
      }
      if (url.pathname.startsWith('/to-prom/')) {
        res.writeHead(307, { location: `http://prom.r7.test:${promPort}${url.pathname.slice('/to-prom'.length)}` });
        return res.end();
      }
      return sendJson(res, 200, { ok: true, status: 'SUCCESS' });
    },
    { host: '127.0.0.2' },
  );
  named = await startTestServer((_req, res) => sendJson(res, 200, { ok: true, status: 'SUCCESS' }), { host: '127.0.0.3' });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-r7-'));
  const file = path.join(dir, 'foresail.yaml');
  const account = (name: string, url: string) => ({ name, url, permissions: { READ: ['r7'] } });
  fs.writeFileSync(
    file,
    stringify({
      worker: { processes: 0 },
      server: { baseUrl: 'https://foresail.example.com' },
      egress: { allow: ['127.0.0.2', 'hooks.r7.test'], dnsServers: [dns.address] },
      prometheus: {
        egress: { allow: ['prom.r7.test', 'prom-proxy.r7.test'] },
        accounts: [
          account('m-allowed', `http://prom.r7.test:${promPort}`),
          account('m-proxy-ok', `http://prom-proxy.r7.test:${allowed.port}/to-prom`),
          account('m-loopback', `http://127.0.0.1:${promPort}`),
          account('m-zero', `http://0.0.0.0:${promPort}`),
          account('m-decimal', `http://2130706433:${promPort}`),
          account('m-hex', `http://0x7f.0.0.1:${promPort}`),
          account('m-mapped', `http://[::ffff:127.0.0.1]:${promPort}`),
          account('m-metadata', 'http://169.254.169.254/'),
          account('m-private', 'http://10.1.2.3:9090'),
          account('m-name', `http://loopback.r7.test:${promPort}`),
          account('m-webhooks-only', `http://127.0.0.2:${allowed.port}`),
          account('m-proxy-to-internal', `http://prom-proxy.r7.test:${allowed.port}/to-victim`),
        ],
      },
    }),
  );
  process.env.FORESAIL_CONFIG = file;
  reloadConfig();
  await createApplication({ name: 'r7', ownerEmail: 'r7@example.com', description: '', permissions: { READ: ['r7'], WRITE: [], EXECUTE: [] } });
}, 60_000);

afterAll(async () => {
  await Promise.all([dns?.close(), victim?.close(), allowed?.close(), named?.close()]);
});

function record(what: string, expected: Outcome['expected'], ok: boolean, detail: string): void {
  outcomes.push({ what, expected, ok, detail });
}

const reasonOf = (e: ExecutionState) => ((stageByRef(e, 'w').context.exception as { details?: { error?: string } } | undefined)?.details?.error ?? '');

/** The webhook stage's refusals: URL, and the reason the stage must fail with. */
function webhookRefusals(): [string, string][] {
  const V = victim.port;
  const via = (to: string) => `${allowed.origin}/redirect?to=${encodeURIComponent(to)}`;
  return [
    [`http://127.0.0.1:${V}/hook`, `127.0.0.1 is ${LOOPBACK}`],
    [`http://127.9.9.9:${V}/hook`, `127.9.9.9 is ${LOOPBACK}`],
    [`http://0.0.0.0:${V}/hook`, '0.0.0.0 is an unspecified ("this host") address'],
    [`http://0:${V}/hook`, '0.0.0.0 is an unspecified ("this host") address'],
    ['http://169.254.169.254/latest/meta-data/iam/', '169.254.169.254 is a link-local address (cloud metadata)'],
    ['http://169.254.10.10/', '169.254.10.10 is a link-local address'],
    ['http://10.0.0.7/', '10.0.0.7 is a private address'],
    ['http://172.16.5.4/', '172.16.5.4 is a private address'],
    ['http://192.168.1.1/', '192.168.1.1 is a private address'],
    ['http://100.64.0.1/', '100.64.0.1 is a carrier-grade NAT (shared) address'],
    [`http://[::1]:${V}/`, `::1 is ${LOOPBACK}`],
    [`http://[::]:${V}/`, ':: is an unspecified address'],
    [`http://[::ffff:127.0.0.1]:${V}/`, `::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, ${LOOPBACK}`],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe is an IPv4-mapped form of 169.254.169.254, a link-local address (cloud metadata)'],
    [`http://[::127.0.0.1]:${V}/`, `::7f00:1 is an IPv4-compatible form of 127.0.0.1, ${LOOPBACK}`],
    ['http://[64:ff9b::a9fe:a9fe]/', '64:ff9b::a9fe:a9fe is a NAT64 form of 169.254.169.254, a link-local address (cloud metadata)'],
    ['http://[64:ff9b:1::a00:7]/', '64:ff9b:1::a00:7 is a local-use NAT64 address (RFC 8215), which may reach private IPv4 hosts'],
    ['http://[2002:7f00:1::1]/', `2002:7f00:1::1 is a 6to4 form of 127.0.0.1, ${LOOPBACK}`],
    ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', '2001:0:4136:e378:8000:63bf:80ff:fffe is a Teredo tunnel address, which carries a hidden IPv4 address'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254 is a private (unique local) address'],
    ['http://[fe80::1]/', 'fe80::1 is a link-local address'],
    [`http://2130706433:${V}/`, `127.0.0.1 is ${LOOPBACK}`],
    [`http://017700000001:${V}/`, `127.0.0.1 is ${LOOPBACK}`],
    [`http://0x7f000001:${V}/`, `127.0.0.1 is ${LOOPBACK}`],
    [`http://0177.0.0.1:${V}/`, `127.0.0.1 is ${LOOPBACK}`],
    [`http://0x7f.0.0.1:${V}/`, `127.0.0.1 is ${LOOPBACK}`],
    [`http://127.1:${V}/`, `127.0.0.1 is ${LOOPBACK}`],
    [`http://0x7f.1:${V}/`, `127.0.0.1 is ${LOOPBACK}`],
    [`http://loopback.r7.test:${V}/`, `loopback.r7.test resolves to 127.0.0.1, which is ${LOOPBACK}`],
    [`http://LOOPBACK.r7.test.:${V}/`, `loopback.r7.test resolves to 127.0.0.1, which is ${LOOPBACK}`],
    [`http://loopback6.r7.test:${V}/`, `loopback6.r7.test resolves to ::1, which is ${LOOPBACK}`],
    [`http://mapped.r7.test:${V}/`, `mapped.r7.test resolves to ::ffff:7f00:1, which is an IPv4-mapped form of 127.0.0.1, ${LOOPBACK}`],
    [`http://nat64.r7.test:${V}/`, `nat64.r7.test resolves to 64:ff9b::7f00:1, which is a NAT64 form of 127.0.0.1, ${LOOPBACK}`],
    ['http://metadata.r7.test/latest/meta-data/', 'metadata.r7.test resolves to 169.254.169.254, which is a link-local address (cloud metadata)'],
    ['http://private.r7.test/', 'private.r7.test resolves to 10.0.0.7, which is a private address'],
    [`http://mixed.r7.test:${V}/`, `mixed.r7.test resolves to 127.0.0.1, which is ${LOOPBACK}`],
    [`http://rebind-late.r7.test:${V}/`, `rebind-late.r7.test resolves to 127.0.0.1, which is ${LOOPBACK}`],
    // The name is allowed, its address is not: a name entry allows that name only.
    [`http://127.0.0.3:${named.port}/hook`, `127.0.0.3 is ${LOOPBACK}`],
    // Allowed for metrics accounts only: the two allow-lists are separate.
    [`http://prom.r7.test:${promPort}/api/v1/query`, `prom.r7.test resolves to 127.0.0.1, which is ${LOOPBACK}`],
    [via(`http://127.0.0.1:${V}/`), `127.0.0.1 is ${LOOPBACK}`],
    [via(`http://loopback.r7.test:${V}/`), `loopback.r7.test resolves to 127.0.0.1, which is ${LOOPBACK}`],
    [via('http://169.254.169.254/latest/meta-data/'), '169.254.169.254 is a link-local address (cloud metadata)'],
    [via(`http://[::ffff:7f00:1]:${V}/`), `::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, ${LOOPBACK}`],
    [via(`http://2130706433:${V}/`), `127.0.0.1 is ${LOOPBACK}`],
  ].map(([url = '', reason = '']) => [url, `${reason}; ${ASK_WEBHOOK}`]);
}

describe('R7: SSRF', () => {
  it('webhook stages: every internal form refused with its reason, allow-listed hosts reached', async () => {
    const refusals = webhookRefusals();
    const monitored = { waitForCompletion: true, statusUrlResolution: 'webhookResponse', statusUrlJsonPath: '$.statusUrl', statusJsonPath: '$.status', successStatuses: 'SUCCESS' };
    const statusTo = (to: string) => `${allowed.origin}/accepted?to=${encodeURIComponent(to)}`;
    const cases: { what: string; expected: Outcome['expected']; stage: Record<string, unknown>; reason?: string; check?: () => boolean }[] = [
      ...refusals.map(([url = '', reason]) => ({ what: `webhook ${url}`, expected: 'refused' as const, stage: { url }, reason })),
      {
        what: 'webhook status URL from the answer → 127.0.0.1',
        expected: 'refused',
        stage: { url: statusTo(`http://127.0.0.1:${victim.port}/status`), ...monitored },
        reason: `127.0.0.1 is ${LOOPBACK}; ${ASK_WEBHOOK}`,
      },
      { what: 'webhook status URL from the answer → metadata name', expected: 'refused', stage: { url: statusTo('http://metadata.r7.test/'), ...monitored }, reason: `metadata.r7.test resolves to 169.254.169.254, which is a link-local address (cloud metadata); ${ASK_WEBHOOK}` },
      { what: 'webhook to an allowed address (127.0.0.2)', expected: 'allowed', stage: { url: `${allowed.origin}/hook` }, check: () => allowed.requests.some((r) => r.path === '/hook') },
      { what: 'webhook to an allowed name (hooks.r7.test)', expected: 'allowed', stage: { url: `http://hooks.r7.test:${named.port}/hook` }, check: () => named.requests.some((r) => r.path === '/hook') },
      {
        what: 'webhook redirected from an allowed address to an allowed name',
        expected: 'allowed',
        stage: { url: `${allowed.origin}/redirect?to=${encodeURIComponent(`http://hooks.r7.test:${named.port}/redirected`)}` },
        check: () => named.requests.some((r) => r.path === '/redirected'),
      },
      {
        // Checked once (allowed 127.0.0.2), then the answer changes to 127.0.0.1: the call still goes to the checked address.
        what: 'webhook to a name whose answer changes after the check (rebinding)',
        expected: 'allowed',
        stage: { url: `http://rebind.r7.test:${allowed.port}/rebound` },
        check: () => allowed.requests.some((r) => r.path === '/rebound') && dns.queries.filter((q) => q.name === 'rebind.r7.test' && q.type === 'A').length === 1,
      },
      { what: 'webhook polling an allowed status URL from the answer', expected: 'allowed', stage: { url: statusTo(`http://hooks.r7.test:${named.port}/status`), ...monitored }, check: () => named.requests.some((r) => r.path === '/status') },
    ];
    const runs = await Promise.all(
      cases.map(async (c) => {
        const id = await trigger(await savePipeline('r7', { stages: [{ refId: 'w', requisiteStageRefIds: [], type: 'webhook', name: 'Call', method: 'POST', payload: { run }, ...c.stage }] }));
        return { c, e: await waitFor(id, finished, 60_000) };
      }),
    );
    for (const { c, e } of runs) {
      const reason = reasonOf(e);
      if (c.expected === 'refused') record(c.what, 'refused', e.status === 'TERMINAL' && reason === c.reason, `${e.status}: ${reason}`);
      else record(c.what, 'allowed', e.status === 'SUCCEEDED' && (c.check?.() ?? true), `${e.status}: ${reason}`);
    }
  }, 180_000);

  it('judgment notifications: refused destinations recorded with the reason and never called, allowed ones delivered', async () => {
    const V = victim.port;
    const cases: { what: string; address: string; reason?: string }[] = [
      { what: 'notification to 127.0.0.1', address: `http://127.0.0.1:${V}/notify`, reason: `127.0.0.1 is ${LOOPBACK}` },
      { what: 'notification to 0.0.0.0', address: `http://0.0.0.0:${V}/notify`, reason: '0.0.0.0 is an unspecified ("this host") address' },
      { what: 'notification to the metadata address', address: 'http://169.254.169.254/latest/', reason: '169.254.169.254 is a link-local address (cloud metadata)' },
      { what: 'notification to 192.168.0.10', address: 'http://192.168.0.10/', reason: '192.168.0.10 is a private address' },
      { what: 'notification to [::1]', address: `http://[::1]:${V}/`, reason: `::1 is ${LOOPBACK}` },
      { what: 'notification to a mapped address', address: `http://[::ffff:127.0.0.1]:${V}/`, reason: `::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, ${LOOPBACK}` },
      { what: 'notification to a 6to4 address', address: 'http://[2002:a9fe:a9fe::]/', reason: '2002:a9fe:a9fe:: is a 6to4 form of 169.254.169.254, a link-local address (cloud metadata)' },
      { what: 'notification to decimal 2130706433', address: `http://2130706433:${V}/`, reason: `127.0.0.1 is ${LOOPBACK}` },
      { what: 'notification to octal 0177.0.0.1', address: `http://0177.0.0.1:${V}/`, reason: `127.0.0.1 is ${LOOPBACK}` },
      { what: 'notification to hex 0x7f000001', address: `http://0x7f000001:${V}/`, reason: `127.0.0.1 is ${LOOPBACK}` },
      { what: 'notification to a name resolving to 127.0.0.1', address: `http://loopback.r7.test:${V}/`, reason: `loopback.r7.test resolves to 127.0.0.1, which is ${LOOPBACK}` },
      { what: 'notification redirected from an allowed host to 127.0.0.1', address: `${allowed.origin}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${V}/`)}`, reason: `127.0.0.1 is ${LOOPBACK}` },
      { what: 'notification to an allowed name', address: `http://hooks.r7.test:${named.port}/notify` },
      { what: 'notification to an allowed address', address: `${allowed.origin}/notify` },
    ];
    const runs = await Promise.all(
      cases.map(async (c) => {
        const id = await trigger(
          await savePipeline('r7', {
            notifications: [{ type: 'webhook', address: c.address, when: ['manualJudgment'] }],
            stages: [{ refId: 'j', requisiteStageRefIds: [], type: 'manualJudgment', name: 'Approve' }],
          }),
        );
        return { c, id, event: await notificationOf(id) };
      }),
    );
    for (const { c, id, event } of runs) {
      await cancelExecution(id, 'r7', 'done');
      if (c.reason) record(c.what, 'refused', event?.outcome === 'refused' && event.reason === `${c.reason}; ${ASK_WEBHOOK}`, JSON.stringify(event));
      else record(c.what, 'allowed', event?.outcome === 'delivered' && event.status === 200, JSON.stringify(event));
    }
  }, 120_000);

  it('Prometheus metrics accounts: internal forms refused under their own allow-list, allowed ones queried', async () => {
    const now = Math.floor(Date.now() / 1000) * 1000;
    await pushSeries(prometheus.url, [{ labels: { __name__: 'foresail_r7_up', run, version: 'canary' }, samples: [0, 1, 2].map((i) => [now - (2 - i) * 10_000, i + 1] as [number, number]) }]);
    const user: SessionUser = { login: 'rita', roles: ['r7'], isAdmin: false, canCreateApplications: false, name: null, email: null, groups: ['r7'], via: 'session', demo: false };
    const preview = (account: string) =>
      previewMetric(user, {
        application: 'r7',
        metricsAccountName: account,
        metric: { name: 'up', query: { type: 'prometheus', customInlineTemplate: `PromQL:foresail_r7_up{run="${run}",version="\${scope}"}` } },
        templates: {},
        scope: 'canary',
        start: new Date(now - 20_000).toISOString(),
        end: new Date(now).toISOString(),
        step: 10,
      });
    const refusals: [string, string][] = [
      ['m-loopback', `127.0.0.1 is ${LOOPBACK}`],
      ['m-zero', '0.0.0.0 is an unspecified ("this host") address'],
      ['m-decimal', `127.0.0.1 is ${LOOPBACK}`],
      ['m-hex', `127.0.0.1 is ${LOOPBACK}`],
      ['m-mapped', `::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, ${LOOPBACK}`],
      ['m-metadata', '169.254.169.254 is a link-local address (cloud metadata)'],
      ['m-private', '10.1.2.3 is a private address'],
      ['m-name', `loopback.r7.test resolves to 127.0.0.1, which is ${LOOPBACK}`],
      // 127.0.0.2 is allowed for webhook stages, not for metrics accounts.
      ['m-webhooks-only', `127.0.0.2 is ${LOOPBACK}`],
      // An allowed metrics host that redirects to an internal address.
      ['m-proxy-to-internal', `127.0.0.1 is ${LOOPBACK}`],
    ];
    for (const [account, reason] of refusals) {
      const message = await preview(account).then(
        () => 'answered',
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
      record(`metrics account ${account}`, 'refused', message === `metric.query: Prometheus account ${account} could not be reached: ${reason}; ${ASK_METRICS}`, message);
    }
    for (const account of ['m-allowed', 'm-proxy-ok']) {
      const result = await preview(account).catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
      const points = typeof result === 'string' ? result : JSON.stringify(result.series.map((s) => s.points.map(([, v]) => v)));
      record(`metrics account ${account}`, 'allowed', points === '[[1,2,3]]', points);
    }
  }, 60_000);

  it('R7: the figure — every case as expected, and nothing reached the internal service', () => {
    const refused = outcomes.filter((o) => o.expected === 'refused' && o.ok).length;
    const passed = outcomes.filter((o) => o.expected === 'allowed' && o.ok).length;
    const failures = outcomes.filter((o) => !o.ok);
    const leaked = victim.requests.map((r) => `${r.method} ${r.path}`);
    process.stdout.write(`R7 SSRF: ${outcomes.length} cases, ${refused} refused with reason, ${passed} allowed-listed passed, ${failures.length + leaked.length} failures\n`);
    for (const f of failures) process.stdout.write(`  failed: ${f.what} (expected ${f.expected}): ${f.detail}\n`);
    expect(failures).toEqual([]);
    expect(leaked).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(70);
  });
});

/** The notification event the engine recorded for the execution (it sends when the judgment starts waiting). */
async function notificationOf(executionId: string): Promise<{ outcome?: string; reason?: string; status?: number } | undefined> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { rows } = await getPool().query<{ payload: { outcome?: string; reason?: string; status?: number } }>("SELECT payload FROM execution_events WHERE execution_id = $1 AND kind = 'notification' ORDER BY id LIMIT 1", [executionId]);
    if (rows[0]) return rows[0].payload;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}
