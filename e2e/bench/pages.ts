/**
 * (Issue 20, targets 3 and 4) The pages a release manager lives in, each against a floor measured in
 * the same run: `foresail start` (production build, demo sign-in, one worker) on a big installation —
 * 2,000 applications, one (`big`) with 500 pipelines and 100,000 executions — plus a 100-stage
 * execution whose stages hold ~50 KB of context and outputs each, and a 200-stage pipeline.
 *
 * - To interactive, cold (a new browser context each time), median of RUNS, the pages' loads
 *   interleaved so load drift hits them alike: the login page (the floor), the applications,
 *   pipelines and executions pages (first hydration done), the execution page (its graph drawn) and
 *   the editor (laid out and validated).
 * - The execution page's initial document and data, and its JavaScript before interactive.
 * - Bytes a client of the execution page is sent when one stage advances (its judgment is continued):
 *   the event stream, plus whatever the page fetches because of it.
 * - Server render: p50 of each page's HTML with one client, against `GET /api/v1/me` with an API token
 *   (measured right before each), by the load generator of the executions-list bench in its own process.
 * Figures only, never pass/fail.
 */
import os from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { createApplication } from '../../lib/db/applications';
import { startForesail, type ForesailProcess } from '../support/foresail-process';
import { chromiumArgs, ensureBuild, kib, type StorageState } from './cold-loads';
import { startBenchDatabase } from './bench-database';
import { openEventStream } from './event-bytes';
import { prepareExecution } from './execution-page';
import { load } from './executions-list';
import { pinned } from './route-server-process';
import { coldLoad, editorReady, executionReady, hydrated, type PageLoad, type ReadyMark } from './page-loads';
import { APPLICATIONS, BIG_APPLICATION, EXECUTIONS, inflateStages, PIPELINES, seedBigInstallation } from './pages-seed';
import { bigPipeline } from './pipeline-fixtures';
import { median } from './stats';
import type { Bench, BenchRow } from './types';

const RUNS = 5;
const EXEC_APP = 'bench-exec';
/** Requests per page for the server-render p50, one client; the floor gets more, it is quick. */
const RENDERS = 30;
const FLOOR_REQUESTS = 200;

interface Target {
  name: string;
  path: string;
  ready: ReadyMark;
  anonymous?: boolean;
}

async function json<T>(page: Page, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ url, body }) => {
      const res = await fetch(url, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return (res.status === 204 ? null : await res.json()) as T;
    },
    { url, body },
  ) as Promise<T>;
}

interface Prepared {
  executionId: string;
  judgmentStageId: string;
  editorPipelineId: string;
  token: string;
  stageBytes: number;
}

async function prepare(page: Page, pool: pg.Pool): Promise<Prepared> {
  const { token } = await json<{ token: string }>(page, '/api/v1/tokens', { name: 'pages bench', expiresInDays: 1 });
  const executionId = await prepareExecution(page, EXEC_APP);
  const execution = await json<{ stages: { id: string; type: string }[] }>(page, `/api/v1/executions/${executionId}`);
  const judgmentStageId = execution.stages.find((s) => s.type === 'manualJudgment')?.id ?? '';
  const stageBytes = await inflateStages(pool, executionId);
  const created = await json<{ pipeline: { id: string } }>(page, `/api/v1/applications/${EXEC_APP}/pipelines`, { pipeline: bigPipeline(200, EXEC_APP) });
  return { executionId, judgmentStageId, editorPipelineId: created.pipeline.id, token, stageBytes };
}

/** The bytes one stage advancing sends to an open execution page: the event stream and what the page then fetches. */
async function advanceBytes(browser: Browser, foresail: ForesailProcess, storageState: StorageState, cookie: string, prepared: Prepared) {
  const context = await browser.newContext({ storageState, baseURL: foresail.url });
  const stream = await openEventStream(foresail.url, prepared.executionId, cookie);
  try {
    const page = await context.newPage();
    await page.goto(`/applications/${EXEC_APP}/executions/${prepared.executionId}`);
    await page.locator(executionReady.selector).waitFor({ state: 'attached', timeout: 120_000 });
    await page.waitForTimeout(2_000); // the refetch made when the page's own stream connects
    const before = await page.evaluate(() => performance.now());
    stream.reset();
    await json(page, `/api/v1/executions/${prepared.executionId}/stages/${prepared.judgmentStageId}/judgment`, { judgment: 'continue' });
    await stream.waitFor((e) => e.kind === 'execution' && e.status === 'SUCCEEDED', 60_000);
    await page.waitForTimeout(3_000); // the page's fetches after the events (debounced 100 ms)
    const fetched = await page.evaluate(
      (since) =>
        performance
          .getEntriesByType('resource')
          .filter((e): e is PerformanceResourceTiming => e instanceof PerformanceResourceTiming && e.startTime >= since && new URL(e.name).pathname.startsWith('/api/') && !e.name.endsWith('/judgment'))
          .map((e) => ({ path: new URL(e.name).pathname, sent: e.encodedBodySize, decoded: e.decodedBodySize })),
      before,
    );
    return { streamBytes: stream.bytes(), events: stream.events(), fetched };
  } finally {
    stream.close();
    await context.close();
  }
}

const ms = (v: number) => `${Math.round(v)} ms`;
const ratio = (v: number) => `${v.toFixed(2)}×`;
const load1 = () => os.loadavg()[0]?.toFixed(1) ?? '?';

export const pagesBench: Bench = {
  id: 'pages',
  title: 'Pages at scale against the floors: execution page with 100 stages of ~50 KB, 2,000 applications, 500 pipelines, 100,000 executions (issue 20, targets 3–4)',
  async run(): Promise<BenchRow[]> {
    ensureBuild();
    const db = await startBenchDatabase('pages');
    const pool = new pg.Pool({ connectionString: db.url });
    let foresail: ForesailProcess | undefined;
    let browser: Browser | undefined;
    try {
      const seedStart = performance.now();
      await seedBigInstallation(pool);
      await createApplication({ name: EXEC_APP, ownerEmail: 'exec@example.com', description: 'The execution page and editor bench', permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
      const seedMs = performance.now() - seedStart;
      foresail = await startForesail({ command: 'start', env: { DATABASE_URL: db.url, FORESAIL_DEMO: 'true', FORESAIL_SESSION_SECRET: 'pages-bench-session-secret-0123456789-abcdef', LOG_LEVEL: 'warn' } });
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
      const signIn = await browser.newContext({ baseURL: foresail.url });
      const page = await signIn.newPage();
      await page.goto('/login');
      await page.getByRole('button', { name: 'Sign in as alice' }).click(); // the demo's administrator: sees every application
      await page.waitForURL(/\/applications/, { timeout: 120_000 });
      const prepared = await prepare(page, pool);
      const storageState = await signIn.storageState();
      await signIn.close();
      const cookie = storageState.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

      const targets: Target[] = [
        { name: 'login page', path: '/login', ready: hydrated, anonymous: true },
        { name: `applications page (${APPLICATIONS.toLocaleString('en')})`, path: '/applications', ready: hydrated },
        { name: `pipelines page (${PIPELINES})`, path: `/applications/${BIG_APPLICATION}/pipelines`, ready: hydrated },
        { name: `executions page (${EXECUTIONS.toLocaleString('en')})`, path: `/applications/${BIG_APPLICATION}/executions`, ready: hydrated },
        { name: 'execution page (100 stages × ~50 KB)', path: `/applications/${EXEC_APP}/executions/${prepared.executionId}`, ready: executionReady },
        { name: 'editor (200 stages)', path: `/applications/${EXEC_APP}/pipelines/${prepared.editorPipelineId}`, ready: editorReady },
      ];
      const loadBefore = load1();
      // Server render first, on a quiet browser: each page's HTML against the floor measured right before it.
      const base = { origin: foresail.url, clients: 1 };
      const renders = new Map<string, { floor: Awaited<ReturnType<typeof load>>; page: Awaited<ReturnType<typeof load>> }>();
      for (const target of targets.slice(1, 4)) {
        const floor = await load({ ...base, paths: ['/api/v1/me'], headers: { authorization: `Bearer ${prepared.token}` }, requests: FLOOR_REQUESTS, warmUp: 20 });
        const measured = await load({ ...base, paths: [target.path], headers: { cookie }, requests: RENDERS, warmUp: 3 });
        renders.set(target.name, { floor, page: measured });
      }
      // Cold loads, each target once unmeasured (its first server render), then RUNS rounds interleaved.
      const loads = new Map<string, PageLoad[]>(targets.map((t) => [t.name, []]));
      for (let round = -1; round < RUNS; round++) {
        for (const target of targets) {
          const measured = await coldLoad(browser, target.anonymous ? undefined : storageState, `${foresail.url}${target.path}`, target.ready);
          if (round >= 0) loads.get(target.name)?.push(measured);
        }
      }
      // Last, as it ends the execution the loads above opened.
      const advance = await advanceBytes(browser, foresail, storageState, cookie, prepared).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
      const loadAfter = load1();

      const medianOf = (name: string, pick: (l: PageLoad) => number) => median((loads.get(name) ?? []).map(pick));
      const login = medianOf('login page', (l) => l.readyMs);
      const rows: BenchRow[] = [
        { metric: `seed ${APPLICATIONS.toLocaleString('en')} applications, ${PIPELINES} pipelines, ${EXECUTIONS.toLocaleString('en')} executions`, value: `${(seedMs / 1000).toFixed(1)} s`, note: `a 100-stage execution's stages given ~${kib(prepared.stageBytes)} of context and outputs each` },
        { metric: 'machine load (1-min average), start / end', value: `${loadBefore} / ${loadAfter}`, note: `${os.cpus().length} cores shared with other work: compare the ratios` },
        { metric: 'login page interactive (the floor), median', value: ms(login), note: `runs: ${(loads.get('login page') ?? []).map((l) => Math.round(l.readyMs)).join(', ')} ms` },
      ];
      for (const target of targets.slice(1)) {
        const runs = loads.get(target.name) ?? [];
        const ready = medianOf(target.name, (l) => l.readyMs);
        rows.push({ metric: `${target.name} interactive, median of ${RUNS}`, value: ms(ready), target: '≤ 1.5× login', note: `login ${ms(login)} → ${ratio(ready / login)}; runs: ${runs.map((l) => Math.round(l.readyMs)).join(', ')} ms; document ${kib(medianOf(target.name, (l) => l.documentSent))} sent (${kib(medianOf(target.name, (l) => l.documentDecoded))} decoded), JavaScript ${kib(medianOf(target.name, (l) => l.scriptSent))} sent` });
      }
      const executionName = targets[4]?.name ?? '';
      const editorName = targets[5]?.name ?? '';
      const execReady = medianOf(executionName, (l) => l.readyMs);
      rows.push({ metric: 'editor (200 stages) against the execution page', value: ratio(medianOf(editorName, (l) => l.readyMs) / execReady), target: '≤ 1.5×', note: `execution page ${ms(execReady)}` });
      const docSent = medianOf(executionName, (l) => l.documentSent + l.dataSent);
      const docDecoded = medianOf(executionName, (l) => l.documentDecoded + l.dataDecoded);
      rows.push({ metric: 'execution page: initial document + data, as sent', value: kib(docSent), target: '≤ 300 KB', note: `${kib(docDecoded)} decoded (document ${kib(medianOf(executionName, (l) => l.documentDecoded))}, API answers before interactive ${kib(medianOf(executionName, (l) => l.dataDecoded))})` });
      rows.push({ metric: 'execution page: JavaScript before interactive (compressed)', value: kib(medianOf(executionName, (l) => l.scriptSent)), target: '≤ 250 KB gzip', note: `${kib(medianOf(executionName, (l) => l.scriptDecoded))} decoded` });
      if (advance instanceof Error) rows.push({ metric: 'one stage advancing (judgment continued): bytes to the open page', value: 'failed', note: advance.message });
      else {
        const fetchedSent = advance.fetched.reduce((sum, f) => sum + f.sent, 0);
        rows.push({ metric: 'one stage advancing (judgment continued): bytes to the open page', value: `${((advance.streamBytes + fetchedSent) / 1024).toFixed(1)} KiB`, target: '< 5 KB', note: `event stream ${advance.streamBytes} bytes in ${advance.events} events; the page then fetched ${advance.fetched.length === 0 ? 'nothing' : advance.fetched.map((f) => `${f.path} ${f.sent} bytes sent (${f.decoded} decoded)`).join(', ')}` });
      }
      for (const [name, r] of renders) {
        rows.push({ metric: `${name}: server render, 1 client, p50`, value: `${r.page.p50Ms.toFixed(1)} ms`, target: '≤ 3× floor p50', note: `floor (GET /api/v1/me, token) p50 ${r.floor.p50Ms.toFixed(1)} ms → ${ratio(r.page.p50Ms / r.floor.p50Ms)}; p99 ${r.page.p99Ms.toFixed(1)} ms; ${kib(r.page.meanBytes)} of HTML (uncompressed: the load generator asks for no gzip)` });
      }
      rows.push({ metric: 'processes', value: 'next start', note: `${pinned(0).length > 0 ? 'load generator pinned to core 0' : 'load generator not pinned'}; web, worker and PostgreSQL unpinned; Chromium on the same 2 cores` });
      return rows;
    } finally {
      await browser?.close();
      await foresail?.stop();
      await pool.end();
      await db.stop();
    }
  },
};
