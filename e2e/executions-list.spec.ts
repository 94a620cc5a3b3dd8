import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { createApplicationViaApi, expect, test, uniqueName } from './support/fixtures';
import { createPipelineViaApi } from './support/pipeline-editor';

const screenshots = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const permissions = { READ: ['developers', 'viewers'], WRITE: ['developers'], EXECUTE: ['developers'] };

const deployPipeline = {
  name: 'Deploy',
  parameterConfig: [
    { name: 'env', label: 'Environment', required: true, hasOptions: true, options: [{ value: 'staging' }, { value: 'prod' }], default: 'staging', pinned: true },
    { name: 'version', label: 'Version', required: true, description: 'Image tag to deploy' },
  ],
  stages: [
    { refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Prepare', waitTime: 3 },
    { refId: '2', requisiteStageRefIds: ['1'], type: 'wait', name: 'Rollout', waitTime: 3 },
  ],
};
const approvalPipeline = {
  name: 'Approve release',
  stages: [{ refId: '1', requisiteStageRefIds: [], type: 'manualJudgment', name: 'Sign off', judgmentInputs: [{ value: 'ship it' }], selectedStageRoles: ['release-managers'] }],
};

async function startViaApi(api: APIRequestContext, app: string, pipelineId: string, parameters: Record<string, string> = {}): Promise<string> {
  const res = await api.post(`/api/v1/applications/${app}/pipelines/${pipelineId}/executions`, { data: { parameters } });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const row = (page: Page, id: string) => page.locator(`li[data-execution-id="${id}"]`);
const segment = (page: Page, id: string, stage: string) => row(page, id).getByRole('link', { name: new RegExp(`^${stage}: `) });

test.describe('executions list', () => {
  test('starts a pipeline with parameters from the modal; both viewers watch its stages succeed live', async ({ page, adminApi, browser, signedIn, foresail }) => {
    test.setTimeout(90_000);
    const app = uniqueName('runs');
    await createApplicationViaApi(adminApi, app, { permissions });
    await createPipelineViaApi(adminApi, app, deployPipeline);

    // Bob watches the list from the start, in his own browser context, and never reloads.
    const bobContext = await browser.newContext({ storageState: await signedIn('bob'), baseURL: foresail.url });
    const bob = await bobContext.newPage();
    await bob.goto(`/applications/${app}/executions`);
    await expect(bob.getByRole('heading', { name: 'Deploy' })).toBeVisible();
    await bob.evaluate(() => Object.assign(window, { notReloaded: true }));

    await page.goto(`/applications/${app}/executions`);
    await page.getByRole('button', { name: 'Start Deploy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start Deploy' });
    await expect(dialog.getByText('No other execution of this pipeline is running.')).toBeVisible();
    await expect(dialog.getByLabel('Environment')).toHaveValue('staging');
    await expect(dialog.getByText('Image tag to deploy')).toBeVisible();
    // Required field and artifacts JSON are checked before anything is sent.
    await dialog.getByText('Artifacts (optional)').click();
    await dialog.getByLabel('Artifacts (JSON)').fill('[{"type": "docker/image"');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'Version is required' })).toBeVisible();
    await expect(dialog.getByRole('alert').filter({ hasText: 'Not valid JSON' })).toBeVisible();
    await expect(dialog.getByLabel('Version')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('Artifacts (JSON)').fill('');
    await dialog.getByLabel('Version').fill('1.4.2');
    await dialog.getByLabel('Environment').selectOption('prod');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${app}/executions/[0-9A-Z]{26}$`));
    const id = page.url().split('/').pop() ?? '';

    // Bob's list gets the new run without reloading, with its trigger and pinned parameter.
    await expect(row(bob, id)).toBeVisible();
    await expect(row(bob, id)).toContainText('alice');
    await expect(row(bob, id)).toContainText('Environment=prod');
    await expect(segment(bob, id, 'Prepare')).toHaveAttribute('aria-label', /Running/);

    await page.goto(`/applications/${app}/executions`);
    await expect(row(page, id)).toBeVisible();
    // Stage tooltips are keyboard reachable: focusing a segment shows name, status and duration.
    await segment(page, id, 'Prepare').focus();
    await expect(row(page, id).getByRole('tooltip').filter({ hasText: 'Prepare' })).toBeVisible();

    for (const viewer of [page, bob]) {
      await expect(segment(viewer, id, 'Prepare')).toHaveAttribute('aria-label', /^Prepare: Succeeded/, { timeout: 20_000 });
      await expect(segment(viewer, id, 'Rollout')).toHaveAttribute('aria-label', /^Rollout: Succeeded/, { timeout: 20_000 });
      await expect(row(viewer, id)).toHaveAttribute('data-status', 'SUCCEEDED');
      await expect(row(viewer, id).getByText('Succeeded', { exact: true }).first()).toBeVisible();
    }
    expect(await bob.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await bobContext.close();
  });

  test('the judgment badge counts what waits for bob and hides once he judges', async ({ browser, signedIn, foresail, adminApi }) => {
    const app = uniqueName('judge');
    await createApplicationViaApi(adminApi, app, { permissions });
    const approval = await createPipelineViaApi(adminApi, app, approvalPipeline);
    const context = await browser.newContext({ storageState: await signedIn('bob'), baseURL: foresail.url });
    // The badge's stream (every application: no filter) is held back until the judgment is waiting, as
    // a busy machine may delay it: the badge must still learn of a judgment that began before its
    // stream opened, and after its count was fetched.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route(/\/api\/v1\/events(\?|$)/, async (route) => {
      const url = new URL(route.request().url());
      if (!url.searchParams.has('application') && !url.searchParams.has('execution')) await held;
      await route.continue();
    });
    const bob = await context.newPage();
    const counted = bob.waitForResponse((res) => res.url().endsWith('/api/v1/me/judgments'));
    await bob.goto(`/applications/${app}/executions`);
    expect(((await (await counted).json()) as { count: number }).count).toBe(0);
    const badge = bob.getByRole('link', { name: /judgments? awaiting you$/ });
    await expect(badge).toHaveCount(0);

    // Started after the page loaded and its count was read.
    const id = await startViaApi(adminApi, app, approval.id);
    await expect
      .poll(async () => {
        const execution = (await (await adminApi.get(`/api/v1/executions/${id}`)).json()) as { stages: { type: string; status: string }[] };
        return execution.stages.find((s) => s.type === 'manualJudgment')?.status;
      }, { timeout: 20_000 })
      .toBe('RUNNING');
    release();
    await expect(bob.getByRole('link', { name: '1 judgment awaiting you' })).toBeVisible({ timeout: 20_000 });
    await bob.getByRole('link', { name: '1 judgment awaiting you' }).click();
    await expect(bob).toHaveURL(/\/executions\?awaitingJudgment=me$/);
    await expect(bob.getByLabel('Awaiting my judgment')).toBeChecked();
    await expect(row(bob, id)).toBeVisible();
    await expect(bob.locator('li[data-execution-id]')).toHaveCount(1);

    const judged = await bob.evaluate(async (executionId) => {
      const mine = (await (await fetch('/api/v1/me/judgments')).json()) as { items: { executionId: string; stageId: string }[] };
      const item = mine.items.find((i) => i.executionId === executionId);
      if (!item) return 0;
      const res = await fetch(`/api/v1/executions/${executionId}/stages/${item.stageId}/judgment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ judgment: 'continue', input: 'ship it' }) });
      return res.status;
    }, id);
    expect(judged).toBeLessThan(300);
    await expect(badge).toHaveCount(0, { timeout: 20_000 });
    await expect(row(bob, id)).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 20_000 });
    await context.close();
  });

  test('filters live in the URL; a screenshot of varied runs', async ({ page, adminApi }) => {
    test.setTimeout(120_000);
    const app = uniqueName('filters');
    await createApplicationViaApi(adminApi, app, { permissions });
    const deploy = await createPipelineViaApi(adminApi, app, deployPipeline);
    const approval = await createPipelineViaApi(adminApi, app, approvalPipeline);
    const broken = await createPipelineViaApi(adminApi, app, { name: 'Legacy bake', stages: [{ refId: '1', requisiteStageRefIds: [], type: 'bake', name: 'Bake image' }] });
    const succeeded = await startViaApi(adminApi, app, deploy.id, { env: 'prod', version: '1.4.1' });
    const canceled = await startViaApi(adminApi, app, deploy.id, { env: 'staging', version: '1.5.0-rc1' });
    expect((await adminApi.post(`/api/v1/executions/${canceled}/cancel`, { data: { reason: 'wrong tag' } })).status()).toBeLessThan(300);
    const failed = await startViaApi(adminApi, app, broken.id);
    const waiting = await startViaApi(adminApi, app, approval.id);
    const running = await startViaApi(adminApi, app, deploy.id, { env: 'staging', version: '1.5.0' });

    await page.goto(`/applications/${app}/executions`);
    await expect(row(page, succeeded)).toBeVisible();
    // The engine's own progress first (so a slow worker is told apart from a stale page), then the page.
    await expect.poll(async () => ((await (await adminApi.get(`/api/v1/executions/${succeeded}`)).json()) as { status: string }).status, { timeout: 40_000 }).toBe('SUCCEEDED');
    await expect(row(page, succeeded)).toHaveAttribute('data-status', 'SUCCEEDED');
    await expect(row(page, canceled)).toHaveAttribute('data-status', 'CANCELED');
    await expect(row(page, failed)).toHaveAttribute('data-status', 'TERMINAL');
    await expect(row(page, waiting)).toHaveAttribute('data-status', 'RUNNING');

    await page.getByLabel('Succeeded', { exact: true }).check();
    await expect(page).toHaveURL(/\?statuses=SUCCEEDED$/);
    await expect(page.locator('li[data-execution-id]')).toHaveCount(1);
    await page.getByLabel('Group by').selectOption('time');
    await expect(page).toHaveURL(/\?statuses=SUCCEEDED&group=time$/);
    await page.getByRole('searchbox', { name: 'Search executions' }).fill('1.4.1');
    await expect(page).toHaveURL(/\?statuses=SUCCEEDED&q=1.4.1&group=time$/);
    await page.reload();
    await expect(page.getByLabel('Succeeded', { exact: true })).toBeChecked();
    await expect(page.getByLabel('Group by')).toHaveValue('time');
    await expect(page.getByRole('searchbox', { name: 'Search executions' })).toHaveValue('1.4.1');
    await expect(page.locator('li[data-execution-id]')).toHaveCount(1);
    await page.goBack();
    await expect(page).toHaveURL(/\?statuses=SUCCEEDED$/);
    await expect(page.getByLabel('Group by')).toHaveValue('pipeline');
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/applications/${app}/executions$`));
    await expect(page.locator('li[data-execution-id]')).toHaveCount(5);
    await expect(row(page, running)).toBeVisible();

    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'executions.png'), fullPage: true });
  });
});
