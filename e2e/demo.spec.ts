import fs from 'node:fs';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { makeTempDir } from '../lib/runtime/processes';
import { ensureServices, stopStartedServices } from '../lib/world/services';
import { startForesail, type ForesailProcess } from './support/foresail-process';
import { anonymous } from './support/sign-in';

// `npm run demo` as a newcomer runs it: no GitHub, no LDAP, no server.baseUrl, the demo application
// seeded; the sign-in page offers the demo people, whose groups come from the built-in directory.
const test = base.extend<object, { demo: ForesailProcess }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring argument
    async ({}, use) => {
      const demo = await startForesail({ command: 'demo', baseUrl: null });
      await use(demo);
      await demo.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

/** A fresh browser signed in through the persona picker, starting from `origin` (either loopback name). */
async function signInAsPersona(browser: Browser, origin: string, login: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: anonymous });
  const page = await context.newPage();
  await page.goto(`${origin}/applications`);
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('button', { name: `Sign in as ${login}` }).click();
  await expect(page).toHaveURL(/\/applications$/);
  await expect(page.getByText(`Demo mode: you are signed in as ${login}`)).toBeVisible();
  return { context, page };
}

/** alice (admin) adds a pipeline waiting for a release manager's judgment to goldengoose and starts it. */
async function startJudgmentPipeline(page: Page): Promise<{ pipelineId: string; executionId: string }> {
  return page.evaluate(async () => {
    const post = async (url: string, body: unknown) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 201 && res.status !== 202) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const stage = { refId: 'mj', name: 'Approve release', type: 'manualJudgment', requisiteStageRefIds: [], instructions: 'Is the canary healthy?', selectedStageRoles: ['release-managers'] };
    const created = await post('/api/v1/applications/goldengoose/pipelines', { pipeline: { application: 'goldengoose', name: `Persona check ${Date.now()}`, stages: [stage] } });
    const pipelineId = String((created.pipeline as { id: string }).id);
    const started = await post(`/api/v1/applications/goldengoose/pipelines/${pipelineId}/executions`, {});
    return { pipelineId, executionId: String(started.id) };
  });
}

/** Opens a path on the origin the page is on (each persona's browser has its own). */
const go = (page: Page, path: string) => page.goto(new URL(path, page.url()).toString());

async function openExecution(page: Page, id: string): Promise<void> {
  await go(page, `/applications/goldengoose/executions/${id}`);
  await expect(page.locator('html[data-execution-ready]')).toBeAttached();
}

test('the sign-in page offers the demo people, their groups and what each may do', async ({ browser, demo }) => {
  const context = await browser.newContext({ storageState: anonymous });
  const page = await context.newPage();
  await page.goto(`${demo.url}/login`);
  await expect(page.getByText('Demo mode: anyone who can reach this address can sign in as any of these people')).toBeVisible();
  await expect(page.getByText('the demo’s built-in directory (no LDAP is configured)')).toBeVisible();
  const groups = { alice: /admins\s*developers/, bob: /developers\s*release-managers/, dave: /^viewers$/, carol: /^no groups$/ };
  for (const [login, shown] of Object.entries(groups)) {
    const button = page.getByRole('button', { name: `Sign in as ${login}` });
    await expect(button).toBeVisible();
    await expect(button.locator(`#persona-${login}-groups`)).toHaveText(shown);
  }
  await expect(page.getByRole('button', { name: 'Sign in as dave' })).toHaveAccessibleDescription(/cannot start or judge/);
  await expect(page.getByRole('button', { name: /Continue as demo user/ })).toHaveCount(0);
  await context.close();
});

test('dave reads goldengoose but cannot start or judge, bob can, carol sees nothing — from either loopback name', async ({ browser, demo }) => {
  test.setTimeout(180_000);
  const alice = await signInAsPersona(browser, demo.url, 'alice');
  const { executionId } = await startJudgmentPipeline(alice.page);
  await alice.context.close();

  const bob = await signInAsPersona(browser, demo.url, 'bob');
  await go(bob.page, '/applications/goldengoose/executions');
  await expect(bob.page.getByRole('button', { name: 'Start pipeline' })).toBeVisible();
  await openExecution(bob.page, executionId);
  await expect(bob.page.getByRole('region', { name: 'Stage Approve release' }).getByRole('button', { name: 'Continue' })).toBeVisible({ timeout: 30_000 });
  await bob.context.close();

  for (const name of ['localhost', '127.0.0.1']) {
    const origin = `http://${name}:${demo.port}`;
    const dave = await signInAsPersona(browser, origin, 'dave');
    await expect(dave.page.getByText('Demo mode: you are signed in as dave (roles viewers)')).toBeVisible();
    await expect(dave.page.getByRole('link', { name: 'goldengoose', exact: true })).toBeVisible();
    await go(dave.page, '/applications/goldengoose/executions');
    await expect(dave.page.getByRole('heading', { level: 1, name: 'Executions' })).toBeVisible();
    await expect(dave.page.getByRole('link', { name: /Persona check/ }).first()).toBeVisible();
    await expect(dave.page.getByRole('button', { name: /^Start/ })).toHaveCount(0);
    await openExecution(dave.page, executionId);
    const judgment = dave.page.getByRole('region', { name: 'Stage Approve release' });
    await expect(judgment.getByText('You cannot judge this stage.')).toBeVisible({ timeout: 30_000 });
    await expect(judgment.getByRole('button', { name: 'Continue' })).toHaveCount(0);
    // The server refuses too, whatever the page shows.
    const refused = await dave.page.evaluate(async (id) => {
      const execution = (await (await fetch(`/api/v1/executions/${id}`)).json()) as { stages: { id: string; name: string }[] };
      const stage = execution.stages.find((s) => s.name === 'Approve release');
      const res = await fetch(`/api/v1/executions/${id}/stages/${stage?.id ?? ''}/judgment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ judgment: 'continue' }) });
      return res.status;
    }, executionId);
    expect(refused).toBe(403);
    await dave.context.close();

    const carol = await signInAsPersona(browser, origin, 'carol');
    await expect(carol.page.getByRole('heading', { name: 'You have no roles yet' })).toBeVisible();
    await expect(carol.page.getByText('Ask an administrator to add you to a group.')).toBeVisible();
    await expect(carol.page.getByRole('link', { name: 'goldengoose', exact: true })).toHaveCount(0);
    expect((await go(carol.page, '/applications/goldengoose'))?.status()).toBe(404);
    await carol.context.close();
  }
});

test('switching person signs out and back to the picker', async ({ browser, demo }) => {
  const { context, page } = await signInAsPersona(browser, demo.url, 'carol');
  await page.getByRole('button', { name: 'Switch person' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('button', { name: 'Sign in as alice' }).click();
  await expect(page.getByText('Demo mode: you are signed in as alice (roles admins, developers)')).toBeVisible();
  await context.close();
});

test('demo mode refuses to run on a non-loopback address', async () => {
  await expect(startForesail({ command: 'demo', env: { FORESAIL_HOST: '0.0.0.0' } })).rejects.toThrow(/auth\.demo.*only runs on a loopback address/s);
});

test('the Demo world panel shows each part of the world live, and the header says when it is ready', async ({ browser, demo }) => {
  test.setTimeout(420_000); // a warm cache brings the world up in about a minute; a busy machine takes longer
  const { context, page } = await signInAsPersona(browser, demo.url, 'alice'); // the demo's administrator
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
  // goldengoose's GitOps resource, synced by the worker once the world installed it, is a read-only pipeline.
  await expect(async () => {
    await page.goto(`${demo.url}/applications/goldengoose/pipelines`);
    await expect(page.getByRole('link', { name: 'Smoke test (GitOps)', exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000 });
  await page.getByRole('link', { name: 'Smoke test (GitOps)', exact: true }).click();
  await expect(page.locator('[data-editor-ready]')).toBeAttached();
  await expect(page.getByText('Managed by Kubernetes: goldengoose-gitops/smoke-test')).toBeVisible();
  await context.close();
});

test('the Demo world panel says what is missing and the one command that fixes it; Foresail works meanwhile', async ({ browser }) => {
  test.setTimeout(300_000);
  // No Go and no /usr/sbin (slapd) on PATH, nothing built: Kubernetes and OpenLDAP cannot run here.
  const emptyCache = makeTempDir('foresail-e2e-cache-');
  const demo = await startForesail({ command: 'demo', env: { PATH: '/usr/bin:/bin', FORESAIL_CACHE_DIR: emptyCache } });
  try {
    const { context, page } = await signInAsPersona(browser, demo.url, 'alice'); // the demo's administrator
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

// When the demo has OpenLDAP (the demo world starts it where slapd is installed), the same people
// come from it with the same groups, so they hold the same roles.
test('with the demo OpenLDAP, the personas get the same roles from LDAP', async ({ browser }) => {
  test.setTimeout(240_000);
  const { ldap } = await ensureServices({ ldap: true }, () => undefined);
  if (!ldap) throw new Error('LDAP did not start');
  const demo = await startForesail({ command: 'demo', env: { LDAP_URL: ldap.url, LDAP_BIND_DN: ldap.bindDn, LDAP_BIND_PASSWORD: ldap.bindPassword, LDAP_USER_BASE: ldap.usersDn } });
  try {
    const context = await browser.newContext({ storageState: anonymous });
    const page = await context.newPage();
    await page.goto(`${demo.url}/login`);
    await expect(page.getByText('Each person may do what their groups in the LDAP directory allow')).toBeVisible();
    await context.close();
    const expected = { alice: 'admins, developers', bob: 'developers, release-managers', dave: 'viewers' };
    for (const [login, roles] of Object.entries(expected)) {
      const signedIn = await signInAsPersona(browser, demo.url, login);
      await expect(signedIn.page.getByText(`Demo mode: you are signed in as ${login} (roles ${roles})`)).toBeVisible();
      await signedIn.context.close();
    }
    const carol = await signInAsPersona(browser, demo.url, 'carol');
    await expect(carol.page.getByText('Demo mode: you are signed in as carol (no roles)')).toBeVisible();
    await expect(carol.page.getByRole('heading', { name: 'You have no roles yet' })).toBeVisible();
    await carol.context.close();
  } finally {
    await demo.stop();
    await stopStartedServices();
  }
});
