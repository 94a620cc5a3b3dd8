/**
 * R-scale: Foresail scaled out on this machine as the Helm chart runs it — 3 web replicas (the
 * image's entrypoint on the production build) and 2 workers on one PostgreSQL, behind Debian's nginx
 * terminating TLS with a locally made CA that Chromium trusts. Proves what replicas must share only
 * through PostgreSQL: migrations, sessions, server-sent events, cron; and that rolling restarts and
 * a killed replica cost no request (nginx retries idempotent ones on the next replica).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../lib/db/applications';
import { queueCronSync } from '../../lib/db/jobs';
import { readMigrations } from '../../lib/db/migrate';
import { closePool } from '../../lib/db/pool';
import { reloadConfig } from '../../lib/env';
import { makeTempDir } from '../../lib/runtime/processes';
import { startGitHubStandIn, type GitHubStandIn } from '../github/server';
import { savePipeline, trigger } from '../runner/engine-harness';
import { createTestDatabase, dropTestDatabase } from '../runner/test-database';
import { readLdap } from '../../lib/world/endpoints';
import { signInWithGitHub } from '../support/sign-in';
import { httpsAgent, startLoad, type LoadResult } from './scale-out-load';
import { trustCaInNssDb } from './scale-out-tls';
import { startScaleOut, type ScaleOutWorld } from './scale-out-world';

const root = path.resolve(import.meta.dirname, '..', '..');
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const cookieName = '__Secure-next-auth.session-token';
const figures: string[] = [];
const figure = (line: string) => {
  figures.push(line);
  process.stdout.write(`[scale-out] ${line}\n`);
};

let databaseUrl = '';
let world: ScaleOutWorld;
let github: GitHubStandIn;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cookie = '';
let pipelineId = '';
const dir = makeTempDir('foresail-scale-out-');

/** The SSE client in the page: every event, open and error with its time, kept in window. */
async function openEventStream(): Promise<void> {
  await page.evaluate(() => {
    const log = { events: [] as { id: string; executionId?: string; at: number }[], opens: [] as number[], errors: [] as number[] };
    (window as unknown as { sse: typeof log }).sse = log;
    const source = new EventSource('/api/v1/events?application=scale');
    source.onopen = () => log.opens.push(Date.now());
    source.onerror = () => log.errors.push(Date.now());
    source.onmessage = (e: MessageEvent<string>) => {
      const data = JSON.parse(e.data) as { executionId?: string };
      log.events.push({ id: e.lastEventId, executionId: data.executionId, at: Date.now() });
    };
    for (const type of ['execution', 'stage']) source.addEventListener(type, (e) => source.onmessage?.(e as MessageEvent<string>));
  });
}

const sseLog = () => page.evaluate(() => (window as unknown as { sse: { events: { id: string; executionId?: string; at: number }[]; opens: number[]; errors: number[] } }).sse);

/** Triggers the pipeline through one replica directly (cookie + same-origin headers, as the browser sends). */
async function triggerVia(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/applications/scale/pipelines/${pipelineId}/executions`, {
    method: 'POST',
    headers: { cookie: `${cookieName}=${cookie}`, origin: world.nginx.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await res.json()) as { id?: string; message?: string };
  if (!res.ok || !body.id) throw new Error(`trigger via ${url}: ${res.status} ${body.message ?? ''}`);
  return body.id;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('No production build: run `npm run build` first (npm test builds before the reliability layer)');
  databaseUrl = await createTestDatabase({ empty: true });
  github = await startGitHubStandIn();
  const ldap = readLdap();
  world = await startScaleOut({
    dir,
    databaseUrl,
    webReplicas: 3,
    workers: 2,
    logLevel: 'info',
    config: () => ({
      auth: {
        sessionSecret: 'scale-out-session-secret-0123456789abcdefghij',
        github: { clientId: github.clientId, clientSecret: github.clientSecret, baseUrl: github.url },
        ldap: { url: ldap.url, bindDn: ldap.bindDn, bindPassword: ldap.bindPassword, userBase: ldap.usersDn },
        roles: { admin: ['admins'], createApplication: ['developers'] },
      },
      worker: { heartbeatSeconds: 1, stalledAfterSeconds: 10 },
    }),
  });
  // This process reads and writes the same database (fixtures, checks).
  process.env.DATABASE_URL = databaseUrl;
  reloadConfig();
  await createApplication({ name: 'scale', ownerEmail: 'a@example.com', description: '', permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
  pipelineId = await savePipeline('scale', { stages: [{ refId: 'w', requisiteStageRefIds: [], type: 'wait', name: 'Pause', waitTime: 1 }] });

  const home = makeTempDir('foresail-chromium-home-');
  await trustCaInNssDb(home, world.tls.caCert);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs, env: { ...process.env, HOME: home } });
  context = await browser.newContext();
  page = await context.newPage();
  await signInWithGitHub(page, world.nginx.url, 'alice');
  cookie = (await context.cookies()).find((c) => c.name === cookieName)?.value ?? '';
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
  await github?.stop();
  await closePool();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
  delete process.env.DATABASE_URL;
  reloadConfig();
  process.stdout.write(`\n[scale-out] figures:\n${figures.map((f) => `  ${f}`).join('\n')}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('scale-out: 3 web + 2 workers on one PostgreSQL behind nginx with TLS', () => {
  it('3 replicas started at once on an empty database migrated once', async () => {
    const reports = world.webs.map((w) =>
      fs
        .readFileSync(w.logFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes('database migrations up to date'))
        .map((line) => (JSON.parse(line) as { applied: string[] }).applied),
    );
    const all = readMigrations().map((m) => m.name);
    expect(reports.map((r) => r.length)).toEqual([1, 1, 1]);
    expect(reports.flat().filter((applied) => applied.length > 0)).toEqual([all]);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; n: string }>('SELECT migration_name, count(*)::text AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY 1');
    await client.end();
    expect(rows).toEqual(all.map((name) => ({ migration_name: name, n: '1' })));
    figure(`migrations: ${all.length} applied by 1 of 3 replicas started together; the other 2 waited on the lock and applied 0`);
  });

  it('TLS from a local CA that Chromium trusts; HSTS; the session cookie is Secure and HttpOnly', async () => {
    const response = await page.goto(`${world.nginx.url}/applications`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const session = (await context.cookies()).find((c) => c.name === cookieName);
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    // Playwright's own TLS check is on: a certificate Chromium did not trust would have failed goto().
    const plain = await fetch(`http://127.0.0.1:${world.nginx.port}/`).then((r) => r.status, () => 0);
    expect(plain).toBe(400);
  });

  it('a session made on one replica works on every replica (and a forged one on none)', async () => {
    for (const web of world.webs) {
      const me = await fetch(`${web.url}/api/v1/me`, { headers: { cookie: `${cookieName}=${cookie}` } });
      expect(me.status, `replica ${web.index}`).toBe(200);
      expect(((await me.json()) as { login: string }).login).toBe('alice');
      const forged = await fetch(`${web.url}/api/v1/me`, { headers: { cookie: `${cookieName}=${cookie.slice(0, -4)}AAAA` } });
      expect(forged.status).toBe(401);
    }
  });

  it('the browser’s event stream (on one replica) gets events of executions started on every replica', async () => {
    await openEventStream();
    await waitFor('the event stream to open', async () => ((await sseLog()).opens.length > 0 ? true : undefined));
    const ids: string[] = [];
    for (const web of world.webs) ids.push(await triggerVia(web.url));
    await waitFor('events of all three executions', async () => {
      const seen = new Set((await sseLog()).events.map((e) => e.executionId));
      return ids.every((id) => seen.has(id)) ? true : undefined;
    });
  });

  it('cron fires once per fire time with 2 workers', async () => {
    const cronPipeline = await savePipeline('scale', { triggers: [{ type: 'cron', enabled: true, id: 'every-3s', cronExpression: '*/3 * * * * ?' }], stages: [{ refId: 'v', requisiteStageRefIds: [], type: 'evaluateVariables', name: 'Vars', variables: [{ key: 'k', value: 'v' }] }] });
    await queueCronSync();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const count = () => client.query<{ n: string }>('SELECT count(*)::text AS n FROM executions WHERE pipeline_id = $1', [cronPipeline]).then((r) => Number(r.rows[0]?.n));
      await waitFor('5 cron executions', async () => ((await count()) >= 5 ? true : undefined), 90_000);
      const { rows } = await client.query<{ fire_at: string; n: string }>(
        "SELECT e.trigger->>'fireAt' AS fire_at, count(*)::text AS n FROM executions e WHERE e.pipeline_id = $1 GROUP BY 1 ORDER BY 1",
        [cronPipeline],
      );
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.filter((r) => r.n !== '1')).toEqual([]);
      const times = rows.map((r) => Date.parse(r.fire_at));
      expect(times.slice(1).map((t, i) => t - (times[i] ?? 0))).toEqual(times.slice(1).map(() => 3000));
      figure(`cron: ${rows.length} fire times, 1 execution each, with 2 workers`);
    } finally {
      await client.query("UPDATE pipelines SET disabled = true WHERE id = $1", [cronPipeline]).catch(() => undefined);
      await client.end();
      await queueCronSync();
    }
  });

  // Authenticated API traffic whose cost is the session check: on 2 shared cores the executions list
  // alone serves fewer than 50 requests/s (bench -- scale), and an offered load above capacity would
  // fail by queueing, not by the restart this measures.
  const loadOptions = () => ({
    url: `${world.nginx.url}/api/v1/me`,
    headers: { cookie: `${cookieName}=${cookie}` },
    rate: 50,
    agent: httpsAgent(world.tls.caCert),
  });
  const describeLoad = (r: LoadResult) => `${r.sent} requests at ${r.rate} req/s: ${r.ok} ok, ${r.failed.length} failed${r.failed.length ? ` (${JSON.stringify(r.failed.slice(0, 3))})` : ''}`;

  it('a rolling restart of the web replicas under 50 req/s loses no request; the SSE client reconnects once per drop and misses no event', async () => {
    const before = await sseLog();
    const load = startLoad(loadOptions());
    // Executions started all through the restart: their events must all reach the browser, the
    // ones sent while it was reconnecting replayed from Last-Event-ID.
    const started: string[] = [];
    let starting = true;
    const starter = (async () => {
      while (starting) {
        started.push(await trigger(pipelineId));
        await new Promise((r) => setTimeout(r, 1500));
      }
    })();
    await new Promise((r) => setTimeout(r, 2000));
    const restartMs: number[] = [];
    for (const web of world.webs) {
      const t0 = Date.now();
      await web.stop();
      await web.start();
      await web.waitHealthy();
      restartMs.push(Date.now() - t0);
      // As a Deployment with maxUnavailable 0 does: the next pod only once this one is ready.
      await new Promise((r) => setTimeout(r, 2000));
    }
    starting = false;
    await starter;
    const result = await load.stop();
    figure(`rolling restart: ${describeLoad(result)}; replicas restarted in ${restartMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`);
    expect(result.failed).toEqual([]);
    expect(result.ok).toBeGreaterThan(50 * 10);

    await waitFor('the events of every execution started during the restart', async () => {
      const seen = new Set((await sseLog()).events.map((e) => e.executionId));
      return started.every((id) => seen.has(id)) ? true : undefined;
    });
    // Each drop (a replica going away under the stream) was followed by one successful reconnect:
    // no failed attempts in between, and the stream is open at the end.
    const after = await sseLog();
    const errors = after.errors.slice(before.errors.length);
    const opens = after.opens.slice(before.opens.length);
    const gaps = errors.map((at) => (opens.find((o) => o >= at) ?? Number.NaN) - at);
    figure(`rolling restart: SSE client dropped ${errors.length}x, back after ${gaps.map((g) => `${(g / 1000).toFixed(1)} s`).join(', ') || '—'} (server retry 2 s); ${started.length} executions started meanwhile, all their events received`);
    expect(errors.length).toBeLessThanOrEqual(world.webs.length);
    expect(opens.length).toBe(errors.length);
    expect(gaps.every((g) => Number.isFinite(g))).toBe(true);
  });

  it('a SIGKILLed web replica mid-request costs at most that request', async () => {
    const load = startLoad(loadOptions());
    await new Promise((r) => setTimeout(r, 2000));
    const victim = world.webs[1];
    if (!victim) throw new Error('no replica 1');
    await victim.kill();
    await new Promise((r) => setTimeout(r, 3000));
    await victim.start();
    await victim.waitHealthy();
    await new Promise((r) => setTimeout(r, 1000));
    const result = await load.stop();
    figure(`SIGKILL of a web replica: ${describeLoad(result)}`);
    expect(result.failed.length).toBeLessThanOrEqual(1);
  });
});
