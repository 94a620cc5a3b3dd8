/**
 * (P6) The executions list under load: 100,000 executions (five stages each) in one application,
 * then 50 concurrent clients calling GET /api/v1/executions?application=…&limit=50 over real HTTP —
 * first pages, status-filtered pages, cursor pages and `q` searches. The route handler runs in an
 * in-process node:http server (the same handler `next start` serves, minus Next's router), signed
 * in with a session cookie of a non-admin user, against embedded PostgreSQL. Target p99 ≤ 50 ms.
 */
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { GET } from '../../app/api/v1/executions/route';
import { createApplication } from '../../lib/db/applications';
import { insertPipeline } from '../../lib/db/pipelines';
import { makeTempDir } from '../../lib/runtime/processes';
import { cookieHeader, sessionCookie } from '../runner/session-cookies';
import { setTestConfig } from '../runner/test-config';
import { startBenchDatabase } from './bench-database';
import { seedExecutions } from './executions-seed';
import type { Bench, BenchRow } from './types';
import { percentile } from './stats';

const EXECUTIONS = 100_000;
const CLIENTS = 50;
const REQUESTS = 3_000;
/** Requests one client sends alone first: the service time without queueing. */
const ALONE = 200;
const WARM_UP = 200;
const SECRET = 'bench-session-secret-0123456789-abcdef-xyz';
const SEARCHES = ['carol', 'feature/change-42', 'v1.123', 'ops-7', 'main', 'build 3', 'eu-west-2', 'zz-no-match'];

type Kind = 'first page' | 'status filter' | 'cursor page' | 'q search';
const ms = (v: number) => `${v.toFixed(1)} ms`;

/** Serves the route handler over HTTP, as Next would hand it a Request. */
async function serve(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, { method: req.method, headers });
    GET(request, { params: Promise.resolve({}) })
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function requestFor(i: number, ids: string[]): { kind: Kind; query: string } {
  const base = 'application=bench&limit=50';
  switch (i % 10) {
    case 0: case 1: case 2: case 3:
      return { kind: 'first page', query: base };
    case 4: case 5:
      return { kind: 'status filter', query: `${base}&statuses=${i % 20 < 10 ? 'RUNNING' : 'TERMINAL,CANCELED'}` };
    case 6: case 7:
      // Any execution id is a valid cursor ("older than this one"): pages from anywhere in the history.
      return { kind: 'cursor page', query: `${base}&cursor=${ids[(i * 7919) % ids.length]}` };
    default:
      return { kind: 'q search', query: `${base}&q=${encodeURIComponent(SEARCHES[i % SEARCHES.length] ?? 'main')}` };
  }
}

export const executionsListBench: Bench = {
  id: 'executions-list',
  title: 'Executions list: 100,000 executions, 50 concurrent clients (P6)',
  async run(): Promise<BenchRow[]> {
    const postgres = await startBenchDatabase('list');
    const configDir = makeTempDir('foresail-bench-list-config-');
    const pool = new pg.Pool({ connectionString: postgres.url });
    let server: Awaited<ReturnType<typeof serve>> | undefined;
    try {
      setTestConfig({ auth: { sessionSecret: SECRET, github: { clientId: 'bench', clientSecret: 'bench' },
        // Never contacted: the session's groups are fresh (read at sign-in) for the whole run.
        ldap: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=bench', bindPassword: 'bench', userBase: 'ou=people,dc=bench', refreshSeconds: 3600 },
        roles: { admin: ['admins'], createApplication: [] } } }, configDir);
      await createApplication({ name: 'bench', ownerEmail: 'b@example.com', description: '', permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
      const pipelines = [];
      for (let i = 0; i < 4; i++) {
        const id = `bench-deploy-${i}`;
        await insertPipeline({ id, application: 'bench', name: `Deploy ${i}`, config: { id, name: `Deploy ${i}`, application: 'bench', stages: [] }, disabled: false, locked: false, by: 'bench', action: 'create' });
        pipelines.push({ id, name: `Deploy ${i}` });
      }
      const seedStart = performance.now();
      const ids = await seedExecutions(pool, { application: 'bench', pipelines, count: EXECUTIONS });
      const seedMs = performance.now() - seedStart;

      server = await serve();
      const cookie = cookieHeader(await sessionCookie({ login: 'dana', groups: ['developers'], secret: SECRET, maxAge: 3600 }));
      const origin = server.origin;
      const latencies = new Map<Kind, number[]>();
      let next = 0;
      let bytes = 0;
      const call = async (i: number, record: boolean) => {
        const { kind, query } = requestFor(i, ids);
        const t0 = performance.now();
        const res = await fetch(`${origin}/api/v1/executions?${query}`, { headers: { cookie } });
        const body = await res.arrayBuffer();
        const elapsed = performance.now() - t0;
        if (res.status !== 200) throw new Error(`${query} answered ${res.status}: ${Buffer.from(body).toString('utf8').slice(0, 200)}`);
        if (!record) return;
        bytes += body.byteLength;
        const list = latencies.get(kind) ?? [];
        list.push(elapsed);
        latencies.set(kind, list);
      };
      // Warm-up (JIT, plans, connection pool), not measured.
      for (let i = 0; i < WARM_UP; i += CLIENTS) await Promise.all(Array.from({ length: CLIENTS }, (_, c) => call(i + c, false)));

      const alone: number[] = [];
      for (let i = 0; i < ALONE; i++) {
        const t0 = performance.now();
        await call(i, false);
        alone.push(performance.now() - t0);
      }

      const started = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (next < REQUESTS) await call(next++, true);
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const all = [...latencies.values()].flat();
      const rows: BenchRow[] = [
        { metric: 'seed 100,000 executions × 5 stages', value: `${(seedMs / 1000).toFixed(1)} s`, note: 'bulk INSERT … SELECT, then ANALYZE' },
        { metric: `all ${all.length} requests, p50`, value: ms(percentile(all, 0.5)) },
        { metric: `all ${all.length} requests, p99`, value: ms(percentile(all, 0.99)), target: '≤ 50 ms' },
        { metric: `one client alone (${ALONE} requests, same mix), p50`, value: ms(percentile(alone, 0.5)), note: `p99 ${ms(percentile(alone, 0.99))}` },
        { metric: 'requests per second', value: (all.length / seconds).toFixed(0), note: `${CLIENTS} concurrent clients, ${(bytes / all.length / 1024).toFixed(0)} KiB per page` },
      ];
      for (const [kind, values] of latencies) {
        rows.push({ metric: `${kind}: p50 / p99`, value: `${percentile(values, 0.5).toFixed(1)} / ${percentile(values, 0.99).toFixed(1)} ms`, note: `${values.length} requests` });
      }
      rows.push({ metric: 'machine load (1-min average) at the end', value: os.loadavg()[0]?.toFixed(1) ?? '?', note: `${os.cpus().length} cores; other work on the machine inflates every figure above` });
      rows.push({ metric: 'server', value: 'node:http', note: 'route handler in-process (not `next start`); client, server and PostgreSQL share the machine' });
      return rows;
    } finally {
      await server?.close();
      await pool.end();
      await postgres.stop();
    }
  },
};
