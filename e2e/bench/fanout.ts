/**
 * (Issue 20, target 5) Live fan-out: 1,000 concurrent server-sent-event clients of GET
 * /api/v1/events across 50 applications, each client with an API token of its own person, who may
 * read one application only (half of them ask for it with `?application=`, half for everything they
 * may see, so the server's per-client permission check is what keeps other applications out), while
 * one real worker runs 20 executions a second spread over the 50 applications. The route server
 * (route-server.ts) and the clients (sse-clients.ts) are processes of their own pinned to one core
 * each where `taskset` and two cores allow; PostgreSQL, the worker and this process (which triggers
 * the executions and LISTENs itself) run unpinned beside them. Figures only, never pass/fail.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { generateToken } from '../../lib/auth/token-format';
import { insertApiToken } from '../../lib/db/api-tokens';
import { createApplication } from '../../lib/db/applications';
import { eventsChannel } from '../../lib/db/engine/events';
import { makeTempDir, waitForExit } from '../../lib/runtime/processes';
import { startWorkers } from '../reliability/workers';
import { savePipeline, trigger } from '../runner/engine-harness';
import { setTestConfig } from '../runner/test-config';
import { startBenchDatabase } from './bench-database';
import { summariseCpuProfile, type CpuProfile } from './cpu-profile';
import { mib, treeCpuMs } from './process-tree';
import { pinned, startRouteServer } from './route-server-process';
import type { SseClient, SseJob, SseResult } from './sse-clients';
import { percentile } from './stats';
import type { Bench, BenchRow } from './types';

const APPLICATIONS = 50;
/** FORESAIL_FANOUT_CLIENTS scales the client count down on a machine that cannot open 1,000. */
const CLIENTS = Number(process.env.FORESAIL_FANOUT_CLIENTS ?? 1000);
const PER_SECOND = 20;
const SECONDS = 30;
/** The floor phase: one client per application, the same engine load. */
const FLOOR_SECONDS = 10;
const here = import.meta.dirname;
const root = path.resolve(here, '..', '..');
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));
const nowMs = () => performance.timeOrigin + performance.now();
const ms = (v: number) => `${v.toFixed(1)} ms`;
const load1 = () => os.loadavg()[0]?.toFixed(1) ?? '?';
const appName = (i: number) => `fan-${String(i).padStart(2, '0')}`;

/** An event as the bench's own LISTEN connection heard it: the commit's reference times. */
interface Heard {
  application: string;
  /** The event's own time (`at`, written in the engine's transaction), epoch ms. */
  at: number;
  /** When this process's LISTEN connection received the notification, epoch ms. */
  notified: number;
}

function rss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}
function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * The main thread's (the event loop's) time on a core and time spent ready but waiting for one, and
 * how many times it was put on a core, from the kernel's scheduler statistics: a process that is
 * idle most of the time but waits long for a core is slowed by the machine, not by its own work.
 */
function schedule(pid: number): { runMs: number; waitMs: number; slices: number } {
  const [run, wait, slices] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
  return { runMs: (run ?? 0) / 1e6, waitMs: (wait ?? 0) / 1e6, slices: slices ?? 0 };
}
function scheduleNote(before: ReturnType<typeof schedule>, after: ReturnType<typeof schedule>, seconds: number): string {
  const [run, wait, slices] = [after.runMs - before.runMs, after.waitMs - before.waitMs, after.slices - before.slices];
  return `on a core ${((run / (seconds * 1000)) * 100).toFixed(0)} % of the time, ready but waiting for a core ${((wait / (seconds * 1000)) * 100).toFixed(0)} % (${(wait / Math.max(1, slices)).toFixed(2)} ms a wake-up, ${slices} wake-ups)`;
}

interface Clients {
  pid: number;
  connected: Promise<string>;
  finish(): Promise<SseResult>;
}

/** The clients' process, pinned to core 0: connects them all, then waits for `finish`. */
function startClients(job: SseJob): Clients {
  const argv = [...pinned(0), process.execPath, '--import', 'tsx', path.join(here, 'sse-clients.ts')];
  const child = spawn(argv[0] ?? process.execPath, argv.slice(1), { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  child.stdin.write(`${JSON.stringify(job)}\n`);
  const connected = iterator.next().then((line) => String(line.value ?? 'the clients process ended'));
  return {
    pid: child.pid ?? -1,
    connected,
    async finish() {
      child.stdin.end('stop\n');
      const line = await iterator.next();
      await waitForExit(child, 60_000);
      if (line.done) throw new Error(`the clients process exited with ${child.exitCode} without a result`);
      return JSON.parse(String(line.value)) as SseResult;
    },
  };
}

export const fanoutBench: Bench = {
  id: 'fanout',
  title: `Live fan-out: ${CLIENTS.toLocaleString('en')} SSE clients over ${APPLICATIONS} applications, ${PER_SECOND} executions/s (issue 20, target 5)`,
  async run(): Promise<BenchRow[]> {
    const postgres = await startBenchDatabase('fanout');
    const configDir = makeTempDir('foresail-bench-fanout-');
    const readers = Array.from({ length: CLIENTS }, (_, i) => ({ login: `reader-${i}`, githubId: i + 1, application: appName(i % APPLICATIONS) }));
    const configFile = setTestConfig({ auth: { sessionSecret: 'bench-session-secret-0123456789-abcdef-xyz', github: { clientId: 'bench', clientSecret: 'bench' },
      // Each person's one group grants READ on one application; a static directory is in memory, so no directory server is measured.
      staticDirectory: { users: readers.map((r) => ({ login: r.login, githubId: r.githubId, groups: [`${r.application}-readers`] })) },
      roles: { admin: ['admins'], createApplication: [] } } }, configDir);
    const listener = new pg.Client({ connectionString: postgres.url });
    const heard = new Map<string, Heard>();
    const finishedExecutions = new Set<string>();
    let server: Awaited<ReturnType<typeof startRouteServer>> | undefined;
    let fleet: ReturnType<typeof startWorkers> | undefined;
    try {
      const pipelines: string[] = [];
      for (let i = 0; i < APPLICATIONS; i++) {
        await createApplication({ name: appName(i), ownerEmail: 'f@example.com', description: '', permissions: { READ: [`${appName(i)}-readers`], WRITE: [], EXECUTE: [] } });
        pipelines.push(await savePipeline(appName(i), { limitConcurrent: false, stages: ['a', 'b', 'c'].map((refId, k) => ({ refId, requisiteStageRefIds: k === 0 ? [] : [['a', 'b'][k - 1]], type: 'wait', name: refId, waitTime: 0 })) }));
      }
      const clients: SseClient[] = [];
      for (const [i, reader] of readers.entries()) {
        const token = generateToken();
        await insertApiToken({ id: token.id, name: 'fanout', owner: reader.login, roles: [`${reader.application}-readers`], secretHash: token.secretHash, expiresAt: new Date(Date.now() + 86_400_000) });
        clients.push({ token: token.token, application: reader.application, path: i % 2 === 0 ? '/api/v1/events' : `/api/v1/events?application=${reader.application}` });
      }
      await listener.connect();
      listener.on('notification', (m) => {
        const notified = nowMs();
        const e = JSON.parse(m.payload ?? '{}') as { id?: string; at?: string; application?: string; kind?: string; status?: string; executionId?: string };
        if (!e.id || !e.at || !e.application) return;
        heard.set(e.id, { application: e.application, at: Date.parse(e.at), notified });
        if (e.kind === 'execution' && e.executionId && ['SUCCEEDED', 'TERMINAL', 'CANCELED'].includes(e.status ?? '')) finishedExecutions.add(e.executionId);
      });
      await listener.query(`LISTEN ${eventsChannel}`);

      const workDir = makeTempDir('foresail-bench-fanout-worker-');
      const logFile = path.join(workDir, 'worker.log');
      fleet = startWorkers(1, { DATABASE_URL: postgres.url, LOG_LEVEL: 'warn', FORESAIL_CONFIG: configFile }, logFile);
      server = await startRouteServer();
      const first = clients[0];
      if (!first) throw new Error('no clients');
      // One request loads and compiles the routes' code before the "before" reading.
      await fetch(`${server.origin}/api/v1/me`, { headers: { authorization: `Bearer ${first.token}` } });
      const warm = await trigger(pipelines[0] ?? '');
      const waitDone = async (ids: Iterable<string>, timeoutMs: number) => {
        const end = Date.now() + timeoutMs;
        for (const id of ids) {
          while (!finishedExecutions.has(id)) {
            if (Date.now() > end) throw new Error(`executions did not finish within ${timeoutMs / 1000} s; see ${logFile}`);
            await sleep(20);
          }
        }
      };
      await waitDone([warm], 60_000);

      /**
       * One phase: the clients connect, executions run at PER_SECOND for `seconds`, the clients
       * stop; `around` measures the server while the executions run.
       */
      const phase = async (list: SseClient[], seconds: number, around?: { start(clientsPid: number): Promise<void>; stop(): Promise<void> }) => {
        const connectStart = performance.now();
        const sse = startClients({ origin: server?.origin ?? '', clients: list, connectConcurrency: 50 });
        const [, connectedText, failedText, ...errorWords] = (await sse.connected).split(' ');
        const connectMs = performance.now() - connectStart;
        const connected = Number(connectedText);
        const rssConnected = rss(server?.pid ?? -1);
        heard.clear();
        await around?.start(sse.pid);
        const runStart = performance.now();
        const started: string[] = [];
        const inflight: Promise<void>[] = [];
        for (let i = 0; i < PER_SECOND * seconds; i++) {
          const due = runStart + (i * 1000) / PER_SECOND;
          const wait = due - performance.now();
          if (wait > 0) await sleep(wait);
          inflight.push(trigger(pipelines[i % APPLICATIONS] ?? '').then((id) => void started.push(id)));
        }
        await Promise.all(inflight);
        const triggerSeconds = (performance.now() - runStart) / 1000;
        await waitDone(started, 300_000);
        await sleep(2000); // the last events reach the clients
        const runSeconds = (performance.now() - runStart) / 1000;
        await around?.stop();
        const result = await sse.finish();
        const toNotify = [...heard.values()].map((h) => h.notified - h.at);
        const fromCommit: number[] = [];
        const fromNotify: number[] = [];
        let received = 0;
        for (const receipts of result.receipts) {
          for (const [id, at] of receipts) {
            const h = heard.get(id);
            if (!h) continue;
            received += 1;
            fromCommit.push(at - h.at);
            fromNotify.push(at - h.notified);
          }
        }
        const perApplication = new Map<string, number>();
        for (const c of list.slice(0, connected)) perApplication.set(c.application, (perApplication.get(c.application) ?? 0) + 1);
        let expected = 0;
        for (const h of heard.values()) expected += perApplication.get(h.application) ?? 0;
        return {
          connected, failed: Number(failedText), firstConnectError: errorWords.join(' '), connectMs, rssConnected, started, triggerSeconds, runSeconds, received, expected, events: heard.size,
          foreign: result.foreign.reduce((x, y) => x + y, 0), dropped: result.dropped, firstError: result.firstError, fromCommit, fromNotify, toNotify,
        };
      };
      const latencies = (p: Awaited<ReturnType<typeof phase>>) => `event time → client p50 ${ms(percentile(p.fromCommit, 0.5))}, p99 ${ms(percentile(p.fromCommit, 0.99))}; NOTIFY heard here → client p50 ${ms(percentile(p.fromNotify, 0.5))}, p99 ${ms(percentile(p.fromNotify, 0.99))}`;

      // The floor: one client per application, the same engine load, in the same run.
      const floorLoad = load1();
      const floor = await phase(clients.slice(0, APPLICATIONS), FLOOR_SECONDS);
      await sleep(1000);
      const rssBefore = rss(server.pid);
      const loadBefore = load1();

      const profileFile = path.join(configDir, 'fanout.cpuprofile');
      let cpu0 = 0;
      let serverCpuMs = 0;
      let clientsPid = -1;
      let [serverSchedule0, clientsSchedule0, serverSchedule, clientsSchedule] = [schedule(server.pid), schedule(server.pid), schedule(server.pid), schedule(server.pid)];
      const running = server;
      const main = await phase(clients, SECONDS, {
        async start(pid) {
          clientsPid = pid;
          await running.command('profile start');
          cpu0 = treeCpuMs(running.pid);
          [serverSchedule0, clientsSchedule0] = [schedule(running.pid), schedule(clientsPid)];
        },
        async stop() {
          serverCpuMs = treeCpuMs(running.pid) - cpu0;
          [serverSchedule, clientsSchedule] = [schedule(running.pid), schedule(clientsPid)];
          await running.command(`profile stop ${profileFile}`);
        },
      });
      const profile = summariseCpuProfile(JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile);
      const rssAfter = rss(server.pid);
      const rssPeak = peakRss(server.pid);
      await server.command('gc');
      const rssCollected = rss(server.pid);
      const loadAfter = load1();
      const share = (part: number) => `${((part / Math.max(1, profile.busyMs)) * 100).toFixed(0)} %`;
      const pinnedNote = pinned(0).length > 0 ? 'clients pinned to core 0, server to core 1; PostgreSQL, worker and trigger loop unpinned' : 'not pinned (taskset or a second core missing, or FORESAIL_BENCH_PIN=off)';
      const scaled = CLIENTS < 1000 ? `; scaled down to ${CLIENTS} by FORESAIL_FANOUT_CLIENTS` : '';
      return [
        { metric: 'machine load (1-min average): floor / main start / main end', value: `${floorLoad} / ${loadBefore} / ${loadAfter}`, note: `${os.cpus().length} cores shared with other work` },
        { metric: 'processes', value: 'separate', note: `${pinnedNote}; route handlers behind node:http (not \`next start\`), API token auth${scaled}` },
        { metric: `floor: ${floor.connected} clients (one per application), ${FLOOR_SECONDS} s`, value: `${floor.received}/${floor.expected}`, note: `deliveries received/expected, ${floor.foreign} foreign; ${latencies(floor)}` },
        { metric: 'SSE clients connected', value: `${main.connected}/${CLIENTS}`, note: `${main.failed} failed${main.firstConnectError ? ` (first: ${main.firstConnectError})` : ''}; ${(main.connectMs / 1000).toFixed(1)} s to open them, 50 at a time; half ask for ?application=, half for everything they may see` },
        { metric: 'executions', value: `${main.started.length}`, note: `${PER_SECOND}/s for ${SECONDS} s (triggered in ${main.triggerSeconds.toFixed(1)} s), 3 wait stages each, ${APPLICATIONS} applications, 1 worker; all done ${main.runSeconds.toFixed(1)} s after the first` },
        { metric: 'events committed, deliveries expected / received', value: `${main.received}/${main.expected}`, note: `${main.events} events, each to the ${Math.round(main.connected / APPLICATIONS)} clients of its application; ${main.dropped} streams ended early${main.firstError ? ` (${main.firstError})` : ''}` },
        { metric: 'events delivered to a client that may not read their application', value: String(main.foreign), target: '0' },
        { metric: 'delivery latency, event time → client, p50', value: ms(percentile(main.fromCommit, 0.5)), note: `the event time is written in the engine's transaction, before its commit; floor ${ms(percentile(floor.fromCommit, 0.5))}` },
        { metric: 'delivery latency, event time → client, p99', value: ms(percentile(main.fromCommit, 0.99)), target: '≤ 200 ms', note: `max ${ms(Math.max(...main.fromCommit))}; floor ${ms(percentile(floor.fromCommit, 0.99))}` },
        { metric: '  of which event time → NOTIFY heard here, p50 / p99', value: `${ms(percentile(main.toNotify, 0.5))} / ${ms(percentile(main.toNotify, 0.99))}`, note: `the engine's transaction and PostgreSQL's notification, seen by this (unpinned) process; floor ${ms(percentile(floor.toNotify, 0.5))} / ${ms(percentile(floor.toNotify, 0.99))}` },
        { metric: '  of which NOTIFY heard here → client, p50 / p99', value: `${ms(percentile(main.fromNotify, 0.5))} / ${ms(percentile(main.fromNotify, 0.99))}`, note: `the fan-out: this process LISTENs beside the server; floor ${ms(percentile(floor.fromNotify, 0.5))} / ${ms(percentile(floor.fromNotify, 0.99))}` },
        { metric: 'web process RSS: idle, with the clients connected, after the run', value: `${mib(rssBefore)} / ${mib(main.rssConnected)} / ${mib(rssAfter)}`, target: 'growth ≤ 100 MB', note: `growth ${mib(rssAfter - rssBefore)}, peak ${mib(rssPeak)}; after a full garbage collection ${mib(rssCollected)} (growth ${mib(rssCollected - rssBefore)}); idle is after the floor phase` },
        { metric: 'web process CPU during the run', value: `${((serverCpuMs / (main.runSeconds * 1000)) * 100).toFixed(0)} %`, note: `of one core, all threads, from /proc; ${ms(serverCpuMs / Math.max(1, main.events))} an event, ${(serverCpuMs / Math.max(1, main.received)).toFixed(3)} ms a delivery (the periodic permission re-checks included)` },
        { metric: 'web process samples by bucket (V8 profile of the run)', value: '', note: `shares of the busy samples (wall-clock sampling: time waiting for a core counts where the code was): ${profile.buckets.filter((x) => x.ms >= 1).map((x) => `${x.bucket} ${share(x.ms)}`).join('; ')}` },
        { metric: '  hottest functions (self, share of busy samples)', value: '', note: profile.hottest.map((h) => `${h.frame} ${share(h.ms)}`).join('; ') },
        { metric: 'web process event loop during the run', value: `${((serverSchedule.waitMs - serverSchedule0.waitMs) / main.runSeconds).toFixed(0)} ms/s waiting`, note: scheduleNote(serverSchedule0, serverSchedule, main.runSeconds) },
        { metric: 'clients process event loop during the run', value: `${((clientsSchedule.waitMs - clientsSchedule0.waitMs) / main.runSeconds).toFixed(0)} ms/s waiting`, note: scheduleNote(clientsSchedule0, clientsSchedule, main.runSeconds) },
      ];
    } finally {
      await server?.stop();
      await fleet?.stop();
      await listener.end().catch(() => undefined);
      await postgres.stop();
    }
  },
};
