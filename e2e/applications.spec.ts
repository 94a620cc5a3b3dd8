import { createApplicationViaApi, expect, test, uniqueName } from './support/fixtures';

test.describe('applications', () => {
  test('an empty Foresail shows a friendly empty state and a first application can be created', async ({ page, adminApi }) => {
    // Start from an empty list whatever earlier tests in this worker created.
    const existing = (await (await adminApi.get('/api/v1/applications')).json()) as { name: string }[];
    for (const app of existing) expect((await adminApi.delete(`/api/v1/applications/${app.name}`)).status()).toBe(204);

    await page.goto('/');
    await expect(page).toHaveURL(/\/applications$/);
    await expect(page.getByRole('heading', { name: 'No applications yet' })).toBeVisible();

    await page.getByRole('button', { name: 'Create your first application' }).click();
    const dialog = page.getByRole('dialog', { name: 'New application' });
    await dialog.getByLabel('Name').fill('Not Valid');
    await dialog.getByLabel('Owner email').fill('nobody');
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await expect(dialog.getByText('must start with a lowercase letter')).toBeVisible();
    await expect(dialog.getByText('must be an email address')).toBeVisible();
    await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');

    await dialog.getByLabel('Name').fill('first-app');
    await dialog.getByLabel('Owner email').fill('first@example.com');
    await dialog.getByLabel('Description').fill('The very first one');
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await expect(page).toHaveURL(/\/applications\/first-app$/);
    await expect(page.getByRole('heading', { level: 1, name: 'first-app' })).toBeVisible();

    await page.getByRole('link', { name: 'Applications' }).first().click();
    await expect(page.getByRole('link', { name: 'first-app' })).toBeVisible();
  });

  test('a duplicate name is refused in the form', async ({ page, adminApi }) => {
    const name = uniqueName('dup');
    await createApplicationViaApi(adminApi, name);
    await page.goto('/applications');
    await page.getByRole('button', { name: 'New application' }).click();
    const dialog = page.getByRole('dialog', { name: 'New application' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Owner email').fill('x@example.com');
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await expect(dialog.getByText(`Application ${name} already exists`)).toBeVisible();
  });

  test('an application created in the browser survives a restart of Foresail', async ({ page, foresail }) => {
    const name = uniqueName('durable');
    await page.goto('/applications');
    await page.getByRole('button', { name: 'New application' }).click();
    const dialog = page.getByRole('dialog', { name: 'New application' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Owner email').fill('durable@example.com');
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

    await foresail.restart();

    await page.goto('/applications');
    await expect(page.getByRole('link', { name })).toBeVisible();
    await page.getByRole('link', { name }).click();
    await expect(page.getByLabel('Owner email')).toHaveValue('durable@example.com');
  });

  test('description and owner email can be edited, with validation', async ({ page, adminApi }) => {
    const name = uniqueName('edit');
    await createApplicationViaApi(adminApi, name);
    await page.goto(`/applications/${name}`);
    const form = page.getByRole('form', { name: 'Edit application' });
    await form.getByLabel('Owner email').fill('broken');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByText('must be an email address')).toBeVisible();

    await form.getByLabel('Owner email').fill('owners@example.com');
    await form.getByLabel('Description').fill('Edited from the browser');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByText('Saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Description')).toHaveValue('Edited from the browser');
    await expect(page.getByLabel('Owner email')).toHaveValue('owners@example.com');
  });

  test('search filters the list through the URL', async ({ page, adminApi }) => {
    const tag = uniqueName('srch');
    await createApplicationViaApi(adminApi, `${tag}-red`, { description: 'crimson service' });
    await createApplicationViaApi(adminApi, `${tag}-blue`);
    await page.goto('/applications');
    await page.getByRole('searchbox', { name: 'Search applications' }).fill('crimson');
    await expect(page).toHaveURL(/\?q=crimson/);
    await expect(page.getByRole('link', { name: `${tag}-red` })).toBeVisible();
    await expect(page.getByRole('link', { name: `${tag}-blue` })).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Search applications' }).fill('zzz-no-such-thing');
    await expect(page.getByRole('heading', { name: 'No matching applications' })).toBeVisible();
  });

  test('an application can be deleted after confirming', async ({ page, adminApi }) => {
    const name = uniqueName('gone');
    await createApplicationViaApi(adminApi, name);
    await page.goto(`/applications/${name}`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete application' }).click();
    await expect(page).toHaveURL(/\/applications$/);
    await expect(page.getByRole('link', { name })).toHaveCount(0);
    expect((await adminApi.get(`/api/v1/applications/${name}`)).status()).toBe(404);
  });
});
