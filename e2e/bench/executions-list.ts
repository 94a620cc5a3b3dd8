/**
 * (Issue 20, targets 1 and 2) The executions list against the framework's floor, measured in the same
 * run by the same load generator: 100,000 executions (five stages each) in one application, and
 * GET /api/v1/executions (25-row pages of `view=summary` rows: first page, status filter, cursor page, text search,
 * awaitingJudgment=me) compared with GET /api/v1/me — the cheapest authenticated route (API token
 * check, tiny JSON) — at 1 and 50 clients, the floor measured again right before each kind. The
 * server (route-server.ts) and the load generator (http-load.ts) are separate processes pinned to
 * one core each where `taskset` and two cores allow; PostgreSQL runs unpinned beside them. CPU per
 * request comes from /proc; a CPU profile of the server for a short run of each kind says where a
 * request's time goes. Figures only, never pass/fail.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateToken } from '../../lib/auth/token-format';
import { insertApiToken } from '../../lib/db/api-tokens';
import { createApplication } from '../../lib/db/applications';
import { insertPipeline } from '../../lib/db/pipelines';
import { makeTempDir, waitForExit } from '../../lib/runtime/processes';
import { setTestConfig } from '../runner/test-config';
import { startBenchDatabase } from './bench-database';
import { summariseCpuProfile, type CpuProfile } from './cpu-profile';
import { pinned, startRouteServer, type RouteServer } from './route-server-process';
import { treeCpuMs } from './process-tree';
import { seedExecutions } from './executions-seed';
import type { LoadJob, LoadResult } from './http-load';
import type { Bench, BenchRow } from './types';

const EXECUTIONS = 100_000;
const CLIENTS = 50;
const REQUESTS = 1_500;
/** Requests one client sends alone: the service time without queueing. */
const ALONE = 300;
/** Requests sent by 50 clients while the server is profiled, per kind. */
const PROFILED = 600;
const PAGE = 25;
const SEARCHES = ['carol', 'feature/change-42', 'v1.123', 'ops-7', 'main', 'build 3', 'eu-west-2', 'zz-no-match'];
const here = import.meta.dirname;
const root = path.resolve(here, '..', '..');

interface Kind {
  name: string;
  paths: string[];
}

function kinds(cursors: string[]): Kind[] {
  const base = `/api/v1/executions?application=bench&limit=${PAGE}&view=summary`;
  return [
    { name: 'first page', paths: [base] },
    { name: 'status filter', paths: [`${base}&statuses=RUNNING`, `${base}&statuses=TERMINAL,CANCELED`] },
    { name: 'cursor page', paths: cursors.map((c) => `${base}&cursor=${c}`) },
    { name: 'text search', paths: SEARCHES.map((q) => `${base}&q=${encodeURIComponent(q)}`) },
    { name: 'awaitingJudgment=me', paths: [`${base}&awaitingJudgment=me`] },
  ];
}
/** The full rows (`view=full`, the default) of the first page, for their size only. */
const FULL_PAGE = `/api/v1/executions?application=bench&limit=${PAGE}`;
const FLOOR: Kind = { name: 'floor: GET /api/v1/me', paths: ['/api/v1/me'] };

/** One run of the load generator in its own process, pinned to the other core. */
export async function load(job: LoadJob): Promise<LoadResult> {
  const argv = [...pinned(0), process.execPath, '--import', 'tsx', path.join(here, 'http-load.ts')];
  const child = spawn(argv[0] ?? process.execPath, argv.slice(1), { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
  child.stdin.end(JSON.stringify(job));
  await waitForExit(child, 600_000);
  if (child.exitCode !== 0) throw new Error(`the load generator exited with ${child.exitCode}`);
  const result = JSON.parse(out) as LoadResult;
  if (result.errors > 0) throw new Error(`${result.errors} requests failed; the first: ${result.firstError ?? '?'}`);
  return result;
}

interface Measured {
  one: LoadResult;
  many: LoadResult;
  /** CPU ms per request at 50 clients: the server process and PostgreSQL (all its processes). */
  serverCpuMs: number;
  postgresCpuMs: number;
  /** The same with one client. */
  oneServerCpuMs: number;
  onePostgresCpuMs: number;
}

/** Bytes of each field of a page's rows, summed over the rows, largest first: what a page is made of. */
function fieldBytes(rows: Record<string, unknown>[]): { field: string; bytes: number }[] {
  const sums = new Map<string, number>();
  for (const row of rows) for (const [field, value] of Object.entries(row)) sums.set(field, (sums.get(field) ?? 0) + Buffer.byteLength(JSON.stringify({ [field]: value })) - 2);
  return [...sums].map(([field, bytes]) => ({ field, bytes })).sort((a, b) => b.bytes - a.bytes);
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const ratio = (v: number) => `${v.toFixed(2)}×`;
const load1 = () => os.loadavg()[0]?.toFixed(1) ?? '?';

export const executionsListBench: Bench = {
  id: 'executions-list',
  title: 'Executions list against the framework floor: 100,000 executions, 1 and 50 clients (issue 20, targets 1–2)',
  async run(): Promise<BenchRow[]> {
    const postgres = await startBenchDatabase('list');
    const configDir = makeTempDir('foresail-bench-list-config-');
    const profileDir = makeTempDir('foresail-bench-list-profile-');
    const pool = new pg.Pool({ connectionString: postgres.url });
    let server: RouteServer | undefined;
    try {
      setTestConfig({ auth: { sessionSecret: 'bench-session-secret-0123456789-abcdef-xyz', github: { clientId: 'bench', clientSecret: 'bench' },
        // The token's owner and groups; a static directory is in memory, so no directory server is measured.
        staticDirectory: { users: [{ login: 'dana', githubId: 1, groups: ['developers', 'release-managers'] }] },
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
      const token = generateToken();
      await insertApiToken({ id: token.id, name: 'bench', owner: 'dana', roles: ['developers', 'release-managers'], secretHash: token.secretHash, expiresAt: new Date(Date.now() + 86_400_000) });

      server = await startRouteServer();
      const base = { origin: server.origin, headers: { authorization: `Bearer ${token.token}` } };
      const serverPid = server.pid;
      const measure = async (kind: Kind): Promise<Measured> => {
        // CPU is counted over the warm-up requests too, hence the divisions by all requests served.
        const [oneServer0, onePostgres0] = [treeCpuMs(serverPid), treeCpuMs(postgres.pid)];
        const one = await load({ ...base, paths: kind.paths, clients: 1, requests: ALONE, warmUp: 30 });
        const [server0, postgres0] = [treeCpuMs(serverPid), treeCpuMs(postgres.pid)];
        const many = await load({ ...base, paths: kind.paths, clients: CLIENTS, requests: REQUESTS, warmUp: CLIENTS * 2 });
        const served = REQUESTS + CLIENTS * 2;
        return {
          one, many,
          serverCpuMs: (treeCpuMs(serverPid) - server0) / served, postgresCpuMs: (treeCpuMs(postgres.pid) - postgres0) / served,
          oneServerCpuMs: (server0 - oneServer0) / (ALONE + 30), onePostgresCpuMs: (postgres0 - onePostgres0) / (ALONE + 30),
        };
      };
      const cursors = Array.from({ length: 200 }, (_, i) => ids[(i * 7919) % ids.length] ?? '');
      // Warm-up of every route and query (JIT, plans, both connection pools), not measured.
      await load({ ...base, paths: [FLOOR, ...kinds(cursors)].flatMap((k) => k.paths), clients: CLIENTS, requests: 1_000, warmUp: 0 });
      const loadBefore = load1();
      // The floor is measured again right before each kind, and each kind is compared with the floor
      // beside it: the machine's load drifts within minutes, so a floor measured once would not do.
      const floors = new Map<string, Measured>();
      const list = new Map<string, Measured>();
      for (const kind of kinds(cursors)) {
        floors.set(kind.name, await measure(FLOOR));
        list.set(kind.name, await measure(kind));
      }
      const loadAfter = load1();

      const pinnedNote = pinned(0).length > 0 ? 'load generator pinned to core 0, server to core 1, PostgreSQL unpinned' : 'not pinned (taskset or a second core missing)';
      const rows: BenchRow[] = [
        { metric: `seed ${EXECUTIONS.toLocaleString('en')} executions × 5 stages`, value: `${(seedMs / 1000).toFixed(1)} s`, note: 'bulk INSERT … SELECT, then ANALYZE' },
        { metric: 'machine load (1-min average), start / end', value: `${loadBefore} / ${loadAfter}`, note: `${os.cpus().length} cores shared with other work: ratios, not absolute figures, are what to compare` },
        { metric: 'processes', value: 'separate', note: `${pinnedNote}; route handlers behind node:http (not \`next start\`), API token auth` },
      ];
      for (const [name, m] of list) {
        const floor = floors.get(name);
        if (!floor) continue;
        const cpu = m.serverCpuMs + m.postgresCpuMs;
        const floorCpu = floor.serverCpuMs + floor.postgresCpuMs;
        rows.push({ metric: `floor (GET /api/v1/me, token) before ${name}`, value: `${floor.many.requestsPerSecond.toFixed(0)}/s`, note: `${CLIENTS} clients: p50 ${ms(floor.many.p50Ms)}, p99 ${ms(floor.many.p99Ms)}; 1 client: p50 ${ms(floor.one.p50Ms)}, p99 ${ms(floor.one.p99Ms)}; CPU per request: server ${ms(floor.serverCpuMs)}, PostgreSQL ${ms(floor.postgresCpuMs)}; ${floor.one.meanBytes.toFixed(0)} bytes` });
        rows.push({ metric: `${name}: ${CLIENTS} clients, requests/s`, value: `${m.many.requestsPerSecond.toFixed(0)}/s`, target: '≥ 0.50× floor', note: `floor ${floor.many.requestsPerSecond.toFixed(0)}/s → ${ratio(m.many.requestsPerSecond / floor.many.requestsPerSecond)}; p50 ${ms(m.many.p50Ms)}, p99 ${ms(m.many.p99Ms)}` });
        rows.push({ metric: `${name}: 1 client, p50`, value: ms(m.one.p50Ms), target: '≤ 2× floor', note: `floor ${ms(floor.one.p50Ms)} → ${ratio(m.one.p50Ms / floor.one.p50Ms)}; p99 ${ms(m.one.p99Ms)}; ${(m.one.meanBytes / 1024).toFixed(1)} KiB per answer` });
        rows.push({ metric: `${name}: CPU per request (server + PostgreSQL)`, value: ms(cpu), note: `floor ${ms(floorCpu)} → ${ratio(cpu / floorCpu)} (server ${ms(m.serverCpuMs)}, PostgreSQL ${ms(m.postgresCpuMs)}; at ${CLIENTS} clients, from /proc: the figure the machine's load moves least)` });
      }
      const first = list.get('first page');
      if (first) rows.push({ metric: `JSON of a ${PAGE}-row page (first page)`, value: `${(first.one.meanBytes / 1024).toFixed(1)} KiB`, target: '≤ 16 KiB' });
      const page = (await (await fetch(`${server.origin}${kinds(cursors)[0]?.paths[0] ?? ''}`, { headers: base.headers })).json()) as { executions: Record<string, unknown>[] };
      const parts = fieldBytes(page.executions);
      const pageBytes = parts.reduce((sum, p) => sum + p.bytes, 0);
      rows.push({ metric: '  of which, by row field (largest first)', value: `${page.executions.length} rows`, note: parts.slice(0, 6).map((p) => `${p.field} ${((p.bytes / pageBytes) * 100).toFixed(0)} %`).join(', ') });
      const fullPage = await (await fetch(`${server.origin}${FULL_PAGE}`, { headers: base.headers })).text();
      rows.push({ metric: `  the same page with full rows (${FULL_PAGE.split('?')[1] ?? ''})`, value: `${(Buffer.byteLength(fullPage) / 1024).toFixed(1)} KiB`, note: 'stage objects instead of the stage status summary: what spin, Deck and the browser\'s list read' });

      // Where a request's time goes. One client (no queueing): the mean wall time against the server's
      // and PostgreSQL's CPU from /proc; the rest is loopback, the load generator and waiting for a
      // core. Then the server's CPU by bucket, from a V8 profile of a short run at 50 clients (the
      // profiler samples from a thread of its own, so its CPU is kept out of the /proc figures above).
      const measured = new Map([[FLOOR.name, floors.get('first page')], ...list]);
      for (const kind of [FLOOR, ...kinds(cursors.slice(0, 20))]) {
        const m = measured.get(kind.name);
        if (m) {
          const wall = (m.one.seconds * 1000) / m.one.requests;
          rows.push({
            metric: `where the time goes, ${kind.name} (1 client, mean)`,
            value: ms(wall),
            note: `server CPU ${ms(m.oneServerCpuMs)}, PostgreSQL CPU ${ms(m.onePostgresCpuMs)}, the rest ${ms(Math.max(0, wall - m.oneServerCpuMs - m.onePostgresCpuMs))}`,
          });
        }
        const file = path.join(profileDir, 'run.cpuprofile');
        await server.command('profile start');
        const run = await load({ ...base, paths: kind.paths, clients: CLIENTS, requests: PROFILED, warmUp: 0 });
        await server.command(`profile stop ${file}`);
        const summary = summariseCpuProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile);
        const per = (v: number) => (v / run.requests).toFixed(2);
        rows.push({ metric: `  server CPU profile, ${kind.name} (${CLIENTS} clients)`, value: `${per(summary.busyMs)} ms`, note: summary.buckets.filter((b) => b.ms / summary.busyMs >= 0.02).map((b) => `${b.bucket} ${per(b.ms)}`).join('; ') });
        rows.push({ metric: `  hottest functions, ${kind.name}`, value: '', note: summary.hottest.slice(0, 5).map((h) => `${h.frame} ${per(h.ms)}`).join('; ') });
      }
      return rows;
    } finally {
      await server?.stop();
      await pool.end();
      await postgres.stop();
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
  },
};
