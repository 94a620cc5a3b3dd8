import { expect, test } from './support/fixtures';

test.describe('app shell', () => {
  test('navigation reaches every section and marks the current one', async ({ page }) => {
    await page.goto('/applications');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const [label, heading] of [
      ['Pipelines', 'Pipelines'],
      ['Executions', 'Executions'],
      ['Canary', 'Canary'],
      ['Settings', 'Settings'],
      ['Applications', 'Applications'],
    ] as const) {
      await nav.getByRole('link', { name: label }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
    }
  });

  test('settings show healthy parts and the configuration without secrets', async ({ page }) => {
    await page.goto('/settings');
    await expect(page.getByText('up to date')).toBeVisible();
    await expect(page.getByText(/\d+ alive/)).toBeVisible();
    await expect(page.getByText(/url: postgresql:\/\/postgres:\*{8}@127\.0\.0\.1/)).toBeVisible();
  });

  test('the theme toggles between light and dark and is remembered', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/applications');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).first().click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).first().click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  test('is usable from the keyboard: skip link, dialog opens with Enter and closes with Escape', async ({ page }) => {
    await page.goto('/applications');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    const newButton = page.getByRole('button', { name: /New application|Create your first application/ }).first();
    await newButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New application' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(newButton).toBeFocused();
  });

  test('unknown pages get a helpful 404', async ({ page }) => {
    const res = await page.goto('/no/such/page');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });
});
