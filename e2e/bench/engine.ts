/**
 * Issue 6: the engine's latency and throughput, with one real worker process (as `foresail start`
 * runs it, default concurrency) against embedded PostgreSQL. Times are taken where a browser would
 * see them: when the state change's NOTIFY reaches a listening client.
 *   P1 trigger → first stage RUNNING; P2 stage SUCCEEDED → next stage RUNNING;
 *   P3 1,000 concurrent 5-stage no-op executions: stage transitions/s, drain time, worker peak RSS.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { createApplication } from '../../lib/db/applications';
import { eventsChannel } from '../../lib/db/engine/events';
import { makeTempDir } from '../../lib/runtime/processes';
import { savePipeline, trigger } from '../runner/engine-harness';
import { writeTestConfig } from '../runner/test-config';
import { startWorkers, type WorkerFleet } from '../reliability/workers';
import { startBenchDatabase } from './bench-database';
import { mib } from './process-tree';
import type { Bench, BenchRow } from './types';
import { percentile } from './stats';

interface Seen {
  at: number;
  executionId: string;
  kind: string;
  status: string;
  refId?: string;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/** Peak resident memory of a process so far (the kernel's high-water mark). */
function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

interface Rig {
  fleet: WorkerFleet;
  seen: Seen[];
  waitFor(check: () => boolean, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

async function startRig(): Promise<Rig> {
  const postgres = await startBenchDatabase('engine');
  await createApplication({ name: 'bench', ownerEmail: 'b@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
  const seen: Seen[] = [];
  const listener = new pg.Client({ connectionString: postgres.url });
  await listener.connect();
  listener.on('notification', (m) => {
    const at = performance.now();
    const e = JSON.parse(m.payload ?? '{}') as Partial<Seen>;
    seen.push({ at, executionId: String(e.executionId), kind: String(e.kind), status: String(e.status), refId: e.refId });
  });
  await listener.query(`LISTEN ${eventsChannel}`);
  const workDir = makeTempDir('foresail-bench-worker-');
  const logFile = path.join(workDir, 'worker.log');
  // Webhook stages in the latency bench call a server on this machine: the admin allow-lists it.
  const configFile = writeTestConfig({ egress: { allow: ['127.0.0.1'] } }, workDir);
  const profile: Record<string, string> = process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {};
  const fleet = startWorkers(1, { DATABASE_URL: postgres.url, LOG_LEVEL: 'warn', FORESAIL_CONFIG: configFile, ...profile }, logFile);
  // The worker is up once it has written its heartbeat.
  const probe = new pg.Client({ connectionString: postgres.url });
  await probe.connect();
  const deadline = Date.now() + 30_000;
  while ((await probe.query('SELECT 1 FROM worker_heartbeats')).rowCount === 0) {
    if (Date.now() > deadline) throw new Error(`worker did not start; see ${logFile}`);
    await sleep(100);
  }
  await probe.end();
  return {
    fleet,
    seen,
    async waitFor(check, timeoutMs) {
      const end = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > end) throw new Error('timed out waiting for executions');
        await sleep(5);
      }
    },
    async stop() {
      await fleet.stop();
      await listener.end();
      await postgres.stop();
    },
  };
}

const chain = (n: number) => ({
  limitConcurrent: false,
  stages: Array.from({ length: n }, (_, i) => ({ refId: `s${i}`, requisiteStageRefIds: i === 0 ? [] : [`s${i - 1}`], type: 'wait', name: `Step ${i}`, waitTime: 0 })),
});
const isDone = (s: Seen) => s.kind === 'execution' && ['SUCCEEDED', 'TERMINAL', 'CANCELED'].includes(s.status);

export const engineLatencyBench: Bench = {
  id: 'engine-latency',
  title: 'Engine latency: trigger → first stage RUNNING (P1), stage done → next RUNNING (P2)',
  async run(): Promise<BenchRow[]> {
    const rig = await startRig();
    const arrivals = new Map<string, number>();
    const server = http.createServer((req, res) => {
      const at = performance.now();
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        arrivals.set((JSON.parse(body || '{}') as { execution?: string }).execution ?? '', at);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const pipeline = await savePipeline('bench', chain(3));
      const hook = await savePipeline('bench', {
        limitConcurrent: false,
        stages: [{ refId: 'h', requisiteStageRefIds: [], type: 'webhook', name: 'Call', url: `http://127.0.0.1:${port}/hook`, method: 'POST', payload: { execution: '${execution.id}' } }],
      });
      const p1: number[] = [];
      const p2: number[] = [];
      const hop: number[] = [];
      const runs = 60;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const id = await trigger(pipeline);
        await rig.waitFor(() => rig.seen.some((s) => s.executionId === id && isDone(s)), 20_000);
        const mine = rig.seen.filter((s) => s.executionId === id);
        const at = (refId: string, status: string) => mine.find((s) => s.kind === 'stage' && s.refId === refId && s.status === status)?.at ?? Number.NaN;
        const hooked = await trigger(hook);
        await rig.waitFor(() => rig.seen.some((s) => s.executionId === hooked && isDone(s)), 20_000);
        const running = rig.seen.find((s) => s.executionId === hooked && s.kind === 'stage' && s.status === 'RUNNING')?.at ?? Number.NaN;
        if (i >= 5) {
          p1.push(at('s0', 'RUNNING') - t0);
          p2.push(at('s1', 'RUNNING') - at('s0', 'SUCCEEDED'), at('s2', 'RUNNING') - at('s1', 'SUCCEEDED'));
          hop.push((arrivals.get(hooked) ?? Number.NaN) - running);
        }
        await sleep(50);
      }
      return [
        { metric: 'P1 trigger → first stage RUNNING, p50', value: ms(percentile(p1, 0.5)) },
        { metric: 'P1 trigger → first stage RUNNING, p95', value: ms(percentile(p1, 0.95)), target: 'p95 ≤ 100 ms', note: `${p1.length} triggers after 5 warm-up` },
        { metric: 'P2 stage SUCCEEDED → next RUNNING, p50', value: ms(percentile(p2, 0.5)), target: 'p50 ≤ 20 ms', note: 'the next stage starts in the same transaction' },
        { metric: 'P2 stage SUCCEEDED → next RUNNING, p95', value: ms(percentile(p2, 0.95)), note: `${p2.length} hand-overs` },
        { metric: 'webhook stage RUNNING → its request arrives, p50', value: ms(percentile(hop, 0.5)), note: 'a stage that does I/O runs in its own job' },
        { metric: 'webhook stage RUNNING → its request arrives, p95', value: ms(percentile(hop, 0.95)) },
      ];
    } finally {
      server.close();
      await rig.stop();
    }
  },
};

export const engineThroughputBench: Bench = {
  id: 'engine-throughput',
  title: 'Engine throughput: 1,000 concurrent executions of a 5-stage no-op pipeline (P3)',
  async run(): Promise<BenchRow[]> {
    const rig = await startRig();
    try {
      const pipeline = await savePipeline('bench', chain(5));
      const pid = rig.fleet.pids()[0] ?? -1;
      const count = 1000;
      const t0 = performance.now();
      const started: string[] = [];
      let next = 0;
      // Triggers arrive as fast as 8 concurrent API clients can send them.
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < count) {
            next += 1;
            started.push(await trigger(pipeline));
          }
        }),
      );
      const ids = new Set(started);
      const triggered = performance.now() - t0;
      const doneCount = () => rig.seen.filter((s) => isDone(s) && ids.has(s.executionId)).length;
      await rig.waitFor(() => doneCount() >= ids.size, 600_000);
      const drain = performance.now() - t0;
      const stageTransitions = rig.seen.filter((s) => s.kind === 'stage' && ids.has(s.executionId)).length;
      const allChanges = rig.seen.filter((s) => ids.has(s.executionId)).length;
      const failed = rig.seen.filter((s) => isDone(s) && ids.has(s.executionId) && s.status !== 'SUCCEEDED').length;
      return [
        { metric: 'executions', value: String(ids.size), note: failed > 0 ? `${failed} did not succeed` : 'all SUCCEEDED' },
        { metric: 'time to trigger them all', value: `${(triggered / 1000).toFixed(1)} s` },
        { metric: 'time to drain (first trigger → last done)', value: `${(drain / 1000).toFixed(1)} s` },
        { metric: 'P3 stage transitions per second', value: `${Math.round(stageTransitions / (drain / 1000))}/s`, target: '≥ 300/s', note: `${stageTransitions} stage transitions` },
        { metric: 'all state changes per second', value: `${Math.round(allChanges / (drain / 1000))}/s`, note: 'stages + executions' },
        { metric: 'worker peak RSS', value: mib(peakRss(pid)), target: '≤ 300 MB', note: '1 worker process, concurrency 8' },
      ];
    } finally {
      await rig.stop();
    }
  },
};
