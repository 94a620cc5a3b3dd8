import type { Browser } from '@playwright/test';
import { fetchedScripts, scriptTotals, type StorageState } from './cold-loads';

/**
 * One cold load of a page (a new browser context: empty cache) to its interactive mark, with what it
 * fetched by then: the document (HTML with the inline React Server Components payload), the data it
 * fetched from the API, and its JavaScript, each as sent (compressed) and decoded.
 */

export interface ReadyMark {
  /** An element that appears when the mark is set. */
  selector: string;
  /** The performance mark's name. */
  mark: string;
}

/** Any page: its first hydration is done (components/providers.tsx). */
export const hydrated: ReadyMark = { selector: 'html[data-hydrated]', mark: 'foresail:hydrated' };
export const executionReady: ReadyMark = { selector: 'html[data-execution-ready]', mark: 'foresail:execution-ready' };
export const editorReady: ReadyMark = { selector: '[data-editor-ready]', mark: 'foresail:editor-ready' };

export interface PageLoad {
  readyMs: number;
  documentSent: number;
  documentDecoded: number;
  /** API answers fetched before interactive (the event stream, still open, is not among them). */
  dataSent: number;
  dataDecoded: number;
  scriptSent: number;
  scriptDecoded: number;
}

interface Transferred {
  documentSent: number;
  documentDecoded: number;
  dataSent: number;
  dataDecoded: number;
}

/** Runs inside the page: the navigation's document and the API answers it has fetched. */
const transferred = (): Transferred => {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const data = performance.getEntriesByType('resource').filter((e): e is PerformanceResourceTiming => e instanceof PerformanceResourceTiming && new URL(e.name).pathname.startsWith('/api/'));
  return {
    documentSent: nav?.encodedBodySize ?? 0,
    documentDecoded: nav?.decodedBodySize ?? 0,
    dataSent: data.reduce((sum, e) => sum + e.encodedBodySize, 0),
    dataDecoded: data.reduce((sum, e) => sum + e.decodedBodySize, 0),
  };
};

export async function coldLoad(browser: Browser, storageState: StorageState | undefined, url: string, ready: ReadyMark): Promise<PageLoad> {
  const context = await browser.newContext({ ...(storageState ? { storageState } : {}), viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator(ready.selector).waitFor({ state: 'attached', timeout: 120_000 });
    const readyMs = await page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN, ready.mark);
    const scripts = scriptTotals(await page.evaluate(fetchedScripts));
    return { readyMs, ...(await page.evaluate(transferred)), scriptSent: scripts.scriptBytes, scriptDecoded: scripts.scriptDecodedBytes };
  } finally {
    await context.close();
  }
}
