import { test as base, expect } from '@playwright/test';
import { startForesail, type ForesailProcess } from './support/foresail-process';

// `npm run demo` as a newcomer runs it: no GitHub, no LDAP, the demo application seeded.
const test = base.extend<object, { demo: ForesailProcess }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring argument
    async ({}, use) => {
      const demo = await startForesail({ command: 'demo' });
      await use(demo);
      await demo.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

test('the demo signs in without GitHub and shows the seeded application', async ({ browser, demo }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(`${demo.url}/`);
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('Demo mode: anyone who can reach this address')).toBeVisible();
  await page.getByRole('button', { name: 'Continue as demo user' }).click();
  await expect(page).toHaveURL(/\/applications/);
  await expect(page.getByText('Demo mode: you are signed in as an administrator')).toBeVisible();
  await page.getByRole('link', { name: 'goldengoose' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'goldengoose' })).toBeVisible();
  await context.close();
});

test('demo mode refuses to run on a non-loopback address', async () => {
  await expect(startForesail({ command: 'demo', env: { FORESAIL_HOST: '0.0.0.0' } })).rejects.toThrow(/auth\.demo.*only runs on a loopback address/s);
});
