import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type APIRequestContext } from '@playwright/test';
import type { ForesailProcess } from './foresail-process';
import { createTokenInPage, storageStateFor } from './sign-in';
import { startWorld, type World } from './world';

interface WorkerFixtures {
  world: World;
  foresail: ForesailProcess;
  /** Storage state files per login, signed in once per worker through the real GitHub flow. */
  signedIn: SignedIn;
  /** An API token of alice (admin), and an API client that sends it. */
  adminToken: string;
  adminApi: APIRequestContext;
}

interface SignedIn {
  (login: string): Promise<string>;
  /** Drops the cached session of `login` (after a test ended it, e.g. signing out everywhere). */
  forget(login: string): void;
}

interface TestOptions {
  /** Who the test's `page` is signed in as; null for an anonymous browser. */
  user: string | null;
}

export const test = base.extend<TestOptions, WorkerFixtures>({
  world: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring argument
    async ({}, use) => {
      const world = await startWorld();
      await use(world);
      await world.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  foresail: [async ({ world }, use) => use(world.foresail), { scope: 'worker' }],
  signedIn: [
    async ({ browser, foresail }, use) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-states-'));
      const states = new Map<string, Promise<string>>();
      const signedIn = Object.assign(
        (login: string) => {
          let state = states.get(login);
          if (!state) {
            state = storageStateFor(browser, foresail.url, login, path.join(dir, `${login}.json`));
            states.set(login, state);
          }
          return state;
        },
        { forget: (login: string) => void states.delete(login) },
      );
      await use(signedIn);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  adminToken: [
    async ({ browser, foresail, signedIn }, use) => {
      const context = await browser.newContext({ storageState: await signedIn('alice'), baseURL: foresail.url });
      const page = await context.newPage();
      await page.goto('/applications');
      const token = await createTokenInPage(page, 'e2e-admin', ['admins', 'developers']);
      await context.close();
      await use(token);
    },
    { scope: 'worker' },
  ],
  adminApi: [
    async ({ foresail, adminToken, playwright }, use) => {
      const api = await playwright.request.newContext({ baseURL: foresail.url, extraHTTPHeaders: { authorization: `Bearer ${adminToken}` } });
      await use(api);
      await api.dispose();
    },
    { scope: 'worker' },
  ],
  user: ['alice', { option: true }],
  baseURL: async ({ foresail }, use) => use(foresail.url),
  storageState: async ({ user, signedIn }, use) => use(user ? await signedIn(user) : undefined),
});

export { expect };

/** A unique, valid application name for this test run. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export async function createApplicationViaApi(api: APIRequestContext, name: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await api.post('/api/v1/applications', { data: { name, ownerEmail: `${name}@example.com`, ...extra } });
  expect(res.status(), await res.text()).toBe(201);
}
