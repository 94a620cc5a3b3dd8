import fs from 'node:fs';
import { test as base, expect } from '@playwright/test';
import { makeTempDir } from '../lib/runtime/processes';
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

test('the Demo world panel shows each part of the world live, and the header says when it is ready', async ({ browser, demo }) => {
  test.setTimeout(420_000); // a warm cache brings the world up in about a minute; a busy machine takes longer
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(`${demo.url}/login`);
  await page.getByRole('button', { name: 'Continue as demo user' }).click();
  await expect(page).toHaveURL(/\/applications/);
  await page.goto(`${demo.url}/applications/goldengoose`);
  const panel = page.getByRole('region', { name: 'Demo world' });
  for (const part of ['Kubernetes', 'Prometheus', 'OpenLDAP']) await expect(panel.getByRole('rowheader', { name: new RegExp(`^${part}`) })).toBeVisible();
  // The badge and the panel follow the runner without a reload.
  await expect(page.getByRole('link', { name: 'World ready' })).toBeVisible({ timeout: 360_000 });
  await expect(panel.getByText('The demo world is ready')).toBeVisible();
  for (const part of ['Kubernetes', 'Prometheus', 'OpenLDAP']) await expect(panel.getByRole('row', { name: new RegExp(`^${part}.*ready$`) })).toBeVisible();
  // Every page carries the badge; it leads back to the panel.
  await page.goto(`${demo.url}/applications`);
  await page.getByRole('link', { name: 'World ready' }).click();
  await expect(page).toHaveURL(/\/applications\/goldengoose$/);
  await expect(page.getByRole('region', { name: 'Demo world' })).toBeVisible();
  await context.close();
});

test('the Demo world panel says what is missing and the one command that fixes it; Foresail works meanwhile', async ({ browser }) => {
  test.setTimeout(300_000);
  // No Go and no /usr/sbin (slapd) on PATH, nothing built: Kubernetes and OpenLDAP cannot run here.
  const emptyCache = makeTempDir('foresail-e2e-cache-');
  const demo = await startForesail({ command: 'demo', env: { PATH: '/usr/bin:/bin', FORESAIL_CACHE_DIR: emptyCache } });
  try {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto(`${demo.url}/login`);
    await page.getByRole('button', { name: 'Continue as demo user' }).click();
    await expect(page).toHaveURL(/\/applications/);
    await page.goto(`${demo.url}/applications/goldengoose`);
    const panel = page.getByRole('region', { name: 'Demo world' });
    await expect(page.getByRole('link', { name: 'World needs attention' })).toBeVisible({ timeout: 120_000 });
    await expect(panel.getByText('Part of the demo world cannot run')).toBeVisible();
    const ldap = panel.getByRole('row', { name: /^OpenLDAP/ });
    await expect(ldap).toContainText('unavailable: missing slapd, slaptest: installed in /usr/sbin, which is not on PATH');
    await expect(ldap.getByRole('code').first()).toHaveText('export PATH="$PATH:/usr/sbin"');
    await expect(panel.getByRole('row', { name: /^Kubernetes/ })).toContainText(/unavailable: missing Go .*Fix: (export PATH|curl -fsSL https:\/\/go\.dev\/dl\/)/);
    await expect(panel.getByRole('row', { name: /^Prometheus/ })).toContainText('ready');
    // The rest of Foresail works: the application can still be edited.
    await expect(page.getByRole('heading', { level: 1, name: 'goldengoose' })).toBeVisible();
    await context.close();
  } finally {
    await demo.stop();
    fs.rmSync(emptyCache, { recursive: true, force: true });
  }
});
