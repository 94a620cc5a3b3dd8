/**
 * Issue 5: editor time-to-interactive with a 200-stage pipeline in Chromium, target < 1.5 s.
 * `foresail demo` (production build), signed in with the demo button; each measured navigation is
 * a new browser context (empty cache) and a new page. "Interactive" is the editor's own
 * `foresail:editor-ready` performance mark: set once the graph is laid out and measured, the first
 * client-side validation pass is done and the inputs are live. Also reports the JavaScript the page
 * and its validation worker transferred (compressed, as sent) and what it decodes to, and the
 * machine's load, since a busy CPU shows directly in the figures.
 */
import os from 'node:os';
import type { BrowserContext, Page } from '@playwright/test';
import { coldLoads, fetchedScripts, kib, scriptTotals } from './cold-loads';
import { graphLayoutRows } from './graph-layout';
import { bigPipeline } from './pipeline-fixtures';
import type { Bench, BenchRow } from './types';

const RUNS = 5;
const APPLICATION = 'goldengoose';

interface Navigation {
  readyMs: number;
  scriptBytes: number;
  scriptDecodedBytes: number;
  scripts: number;
}

async function createBigPipeline(page: Page): Promise<string> {
  const result = await page.evaluate(
    async ({ application, pipeline }) => {
      const res = await fetch(`/api/v1/applications/${application}/pipelines`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pipeline }) });
      return { status: res.status, body: (await res.json()) as { pipeline?: { id?: string }; message?: string } };
    },
    { application: APPLICATION, pipeline: bigPipeline(200, APPLICATION) },
  );
  if (result.status !== 201 || !result.body.pipeline?.id) throw new Error(`creating the pipeline failed: ${result.status} ${result.body.message ?? ''}`);
  return result.body.pipeline.id;
}

async function load(context: BrowserContext, url: string): Promise<Navigation> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('[data-editor-ready]').waitFor({ state: 'attached', timeout: 60_000 });
  const readyMs = await page.evaluate(() => performance.getEntriesByName('foresail:editor-ready')[0]?.startTime ?? Number.NaN);
  // Scripts the page and its workers (validation runs in one) fetched, as sent (compressed) and decoded.
  const entries = [...(await page.evaluate(fetchedScripts)), ...(await Promise.all(page.workers().map((w) => w.evaluate(fetchedScripts)))).flat()];
  return { readyMs, ...scriptTotals(entries) };
}

export const editorBench: Bench = {
  id: 'editor',
  title: 'Editor time-to-interactive, 200-stage pipeline (Chromium)',
  async run(): Promise<BenchRow[]> {
    const { first, runs, median } = await coldLoads({ runs: RUNS, prepare: async (page) => `/applications/${APPLICATION}/pipelines/${await createBigPipeline(page)}`, load });
    const last = runs[runs.length - 1] ?? first;
    return [
      { metric: `editor ready, 200 stages, median of ${RUNS} cold navigations`, value: `${Math.round(median)} ms`, target: '< 1.5 s', note: `runs: ${runs.map((r) => Math.round(r.readyMs)).join(', ')} ms; first ever: ${Math.round(first.readyMs)} ms` },
      { metric: 'JavaScript transferred for the editor page (compressed)', value: kib(last.scriptBytes), note: `${last.scripts} scripts incl. the validation worker's, ${kib(last.scriptDecodedBytes)} decoded` },
      ...graphLayoutRows(),
      { metric: 'load average while measuring (1 min)', value: os.loadavg()[0]?.toFixed(2) ?? '?', note: `${os.cpus().length} CPUs` },
    ];
  },
};
