import { test as base, expect, type APIRequestContext } from '@playwright/test';
import { startForesail, type ForesailProcess } from './foresail-process';

interface WorkerFixtures {
  foresail: ForesailProcess;
}

/** `test` with a real Foresail per Playwright worker; `baseURL` points at it. */
export const test = base.extend<object, WorkerFixtures>({
  foresail: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring argument
    async ({}, use) => {
      const foresail = await startForesail();
      await use(foresail);
      await foresail.stop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ foresail }, use) => use(foresail.url),
});

export { expect };

/** A unique, valid application name for this test run. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export async function createApplicationViaApi(request: APIRequestContext, name: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await request.post('/api/v1/applications', { data: { name, ownerEmail: `${name}@example.com`, ...extra } });
  expect(res.status(), await res.text()).toBe(201);
}
