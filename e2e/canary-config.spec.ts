import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createApplicationViaApi, expect, test, uniqueName } from './support/fixtures';

const screenshots = path.resolve(import.meta.dirname, '..', '.foresail', 'test-results', 'screenshots');

type Summary = { id: string; name: string; metricCount: number };

async function addMetric(page: Page, metric: { name: string; group?: string; promql: string; failOn: string; critical?: boolean; allowedIncrease?: string }) {
  await page.getByRole('button', { name: 'Add metric', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add metric' });
  await dialog.getByLabel('Metric name').fill(metric.name);
  if (metric.group) await dialog.getByLabel('Group').fill(metric.group);
  await dialog.getByLabel('PromQL template').fill(metric.promql);
  await dialog.getByLabel('Fail on').selectOption({ label: metric.failOn });
  if (metric.critical) await dialog.getByRole('checkbox', { name: /Critical: fail/ }).check();
  if (metric.allowedIncrease) await dialog.getByLabel('Allowed increase').fill(metric.allowedIncrease);
  await dialog.getByRole('button', { name: 'Add metric' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('canary config editor', () => {
  test('creates a two-group config, refuses weights not summing to 100, saves it and shows it after a reload', async ({ page, adminApi }) => {
    test.setTimeout(90_000);
    const app = uniqueName('canary-ui');
    await createApplicationViaApi(adminApi, app, { permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: [] } });

    await page.goto(`/applications/${app}/canary-configs`);
    await expect(page.getByRole('heading', { name: 'No canary configs yet' })).toBeVisible();
    await page.getByRole('link', { name: 'New canary config' }).first().click();
    await expect(page).toHaveURL(new RegExp(`/applications/${app}/canary-configs/new$`));
    await page.getByLabel('Name', { exact: true }).fill('checkout-canary');

    await addMetric(page, { name: 'p99 latency', group: 'latency', promql: 'histogram_quantile(0.99, sum by (le) (rate(http_seconds_bucket{track="${scope}"}[1m])))', failOn: 'Increase', critical: true, allowedIncrease: '10' });
    await page.getByLabel('New group name').fill('errors');
    await page.getByRole('button', { name: 'Add group' }).click();
    await expect(page.getByRole('tab', { name: 'errors' })).toHaveAttribute('aria-selected', 'true');
    await addMetric(page, { name: 'error rate', promql: 'sum(rate(http_errors_total{track="${scope}"}[1m]))', failOn: 'Increase' });
    await expect(page.getByRole('row', { name: /error rate/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /p99 latency/ })).toHaveCount(0);

    // Both groups start at 0: the weights are wrong until they sum to 100, and Save stays off.
    const save = page.getByRole('button', { name: 'Save' });
    await page.getByLabel('Weight of group latency').fill('70');
    await page.getByLabel('Weight of group errors').fill('20');
    await expect(page.getByRole('alert').filter({ hasText: 'Group weights must sum to 100; they sum to 90.' })).toBeVisible();
    await expect(save).toBeDisabled();
    await page.getByLabel('Weight of group errors').fill('30');
    await expect(page.getByText('Weights sum to 100.')).toBeVisible();
    await expect(save).toBeEnabled();
    await save.click();

    await expect(page).toHaveURL(new RegExp(`/applications/${app}/canary-configs/[\\w-]+$`));
    await expect(page.getByRole('heading', { name: 'checkout-canary' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('checkout-canary');
    await expect(page.getByLabel('Weight of group latency')).toHaveValue('70');
    await expect(page.getByLabel('Weight of group errors')).toHaveValue('30');
    await expect(page.getByRole('row', { name: /p99 latency.*critical.*increase.*latency/i })).toBeVisible();
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'canary-config-editor.png'), fullPage: true });
    await page.getByRole('button', { name: 'Edit metric p99 latency' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit metric p99 latency' });
    await expect(edit.getByLabel('Allowed increase')).toHaveValue('10');
    await expect(edit.getByRole('checkbox', { name: /Critical: fail/ })).toBeChecked();
    await edit.screenshot({ path: path.join(screenshots, 'canary-config-metric.png') });
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('tab', { name: 'JSON' }).click();
    await expect(page.getByLabel('Canary config JSON')).toHaveValue(/"customInlineTemplate": "PromQL:histogram_quantile/);
    await expect(page.getByLabel('Canary config JSON')).toHaveValue(/"allowedIncrease": 1.1/);

    // An edit shows in the diff against the saved version, and saving it makes version 2.
    await page.getByRole('tab', { name: 'Editor' }).click();
    await page.getByLabel('Description').fill('watch the p99');
    await page.getByRole('tab', { name: 'JSON' }).click();
    await page.getByRole('tab', { name: 'Diff with saved' }).click();
    const diff = page.getByRole('table', { name: 'Changes since the saved version' });
    await expect(diff.locator('tr', { hasText: '"description": "watch the p99"' })).toContainText('+');
    await expect(diff.locator('tr', { hasText: '"description": ""' })).toContainText('-');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved version 2.')).toBeVisible();

    // The same config through the API and the list page.
    const listed = (await (await adminApi.get(`/api/v1/applications/${app}/canary-configs`)).json()) as Summary[];
    expect(listed).toEqual([expect.objectContaining({ name: 'checkout-canary', metricCount: 2 })]);
    const stored = (await (await adminApi.get(`/api/v1/applications/${app}/canary-configs/${listed[0]?.id ?? ''}`)).json()) as { version: number; config: Record<string, unknown> };
    expect(stored).toMatchObject({ version: 2, config: { description: 'watch the p99', classifier: { groupWeights: { latency: 70, errors: 30 } } } });
    await page.goto(`/applications/${app}/canary-configs`);
    await expect(page.getByRole('link', { name: 'checkout-canary' })).toBeVisible();
  });

  test.describe('as dave (viewers)', () => {
    test.use({ user: 'dave' });
    test('sees a config read-only', async ({ page, adminApi }) => {
      const app = uniqueName('canary-view');
      await createApplicationViaApi(adminApi, app, { permissions: { READ: ['viewers'], WRITE: ['developers'], EXECUTE: [] } });
      const config = {
        name: 'look-only',
        metrics: [{ name: 'cpu', groups: ['saturation'], query: { type: 'prometheus', customInlineTemplate: 'PromQL:rate(cpu_seconds_total[1m])' }, analysisConfigurations: { canary: { direction: 'increase' } } }],
        classifier: { groupWeights: { saturation: 100 } },
      };
      const created = await adminApi.post(`/api/v1/applications/${app}/canary-configs`, { data: { config } });
      expect(created.status(), await created.text()).toBe(201);
      const { config: saved } = (await created.json()) as { config: { id: string } };

      await page.goto(`/applications/${app}/canary-configs`);
      await expect(page.getByRole('link', { name: 'New canary config' })).toHaveCount(0);
      await page.getByRole('link', { name: 'look-only' }).click();
      await expect(page).toHaveURL(new RegExp(`/canary-configs/${saved.id}$`));
      await expect(page.getByText('Read only: changing canary configs')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Add metric' })).toHaveCount(0);
      await expect(page.getByLabel('Weight of group saturation')).toHaveAttribute('readonly', '');
      await page.getByRole('button', { name: 'View metric cpu' }).click();
      const dialog = page.getByRole('dialog', { name: 'Metric cpu' });
      await expect(dialog.getByLabel('Metric name')).toBeDisabled();
      await dialog.getByRole('button', { name: 'Close' }).click();
      // Creating is not offered at all.
      await page.goto(`/applications/${app}/canary-configs/new`);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    });
  });
});
