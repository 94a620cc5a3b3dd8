import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startForesail } from '../support/foresail-process';
import { median } from './stats';

/**
 * What the page-load benchmarks (editor, execution page) share: a production build, `foresail demo`
 * signed in with the demo button, and a page loaded cold (a new browser context, so an empty cache)
 * again and again; the first load, the route's first server render, is reported apart.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
// As in playwright.config.ts: Debian's Chromium, kept from dialling out.
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export function ensureBuild(): void {
  if (fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('next build failed');
}

export interface ColdLoads<N> {
  first: N;
  runs: N[];
  /** Median of the runs' readyMs. */
  median: number;
}

/**
 * Prepares what to load as the demo user (`prepare` returns the path), then loads it `runs` times
 * plus once first, each through `load` in a new context of its own.
 */
export async function coldLoads<N extends { readyMs: number }>(options: {
  runs: number;
  prepare(page: Page): Promise<string>;
  load(context: BrowserContext, url: string): Promise<N>;
}): Promise<ColdLoads<N>> {
  ensureBuild();
  const foresail = await startForesail({ command: 'demo' });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    const context = await browser.newContext({ baseURL: foresail.url });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in as alice' }).click(); // the demo's administrator
    await page.waitForURL(/\/applications/);
    const url = `${foresail.url}${await options.prepare(page)}`;
    const storageState = await context.storageState();
    await context.close();

    const cold = async () => {
      const fresh = await (browser as Browser).newContext({ storageState, viewport: { width: 1440, height: 900 } });
      try {
        return await options.load(fresh, url);
      } finally {
        await fresh.close();
      }
    };
    const first = await cold();
    const runs: N[] = [];
    for (let i = 0; i < options.runs; i++) runs.push(await cold());
    return { first, runs, median: median(runs.map((r) => r.readyMs)) };
  } finally {
    await browser?.close();
    await foresail.stop();
  }
}

/** One fetched script: its URL, compressed (as sent) and decoded size. */
export interface ScriptEntry {
  name: string;
  sent: number;
  decoded: number;
}

/** The JavaScript a page or worker has fetched so far; runs inside it (page.evaluate / worker.evaluate), so it uses nothing from here. */
export const fetchedScripts = (): ScriptEntry[] =>
  performance
    .getEntriesByType('resource')
    .filter((e): e is PerformanceResourceTiming => e instanceof PerformanceResourceTiming && new URL(e.name).pathname.endsWith('.js'))
    .map((e) => ({ name: e.name, sent: e.encodedBodySize, decoded: e.decodedBodySize }));

/** Totals over scripts, each URL counted once (a page and its worker may fetch the same chunk). */
export function scriptTotals(entries: readonly ScriptEntry[]): { scriptBytes: number; scriptDecodedBytes: number; scripts: number } {
  const unique = [...new Map(entries.map((e) => [e.name, e])).values()];
  return { scriptBytes: unique.reduce((sum, e) => sum + e.sent, 0), scriptDecodedBytes: unique.reduce((sum, e) => sum + e.decoded, 0), scripts: unique.length };
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
