import { expect, type Browser, type Page } from '@playwright/test';

/** Signs in through the real flow: Foresail's login page → GitHub stand-in → back to Foresail. */
export async function signInWithGitHub(page: Page, baseURL: string, login: string): Promise<void> {
  await page.goto(`${baseURL}/login`);
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
  await page.getByRole('button', { name: `Sign in as ${login}` }).click();
  await expect(page).toHaveURL(/\/applications/);
}

/**
 * An explicitly empty storage state. Inside tests Playwright applies the test's `use` options to
 * every browser.newContext(), so "no options" would inherit the signed-in user's cookies.
 */
export const anonymous = { cookies: [], origins: [] };

/** A browser storage state (cookies) for this login, saved to a file for `storageState`. */
export async function storageStateFor(browser: Browser, baseURL: string, login: string, file: string): Promise<string> {
  const context = await browser.newContext({ storageState: anonymous });
  try {
    const page = await context.newPage();
    await signInWithGitHub(page, baseURL, login);
    await context.storageState({ path: file });
    return file;
  } finally {
    await context.close();
  }
}

/** Creates an API token as the signed-in user of `page` (same-origin fetch, so the CSRF check passes). */
export async function createTokenInPage(page: Page, name: string, roles: string[], expiresInDays = 1): Promise<string> {
  const result = await page.evaluate(
    async (body) => {
      const res = await fetch('/api/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { token?: string; message?: string } };
    },
    { name, roles, expiresInDays },
  );
  if (result.status !== 201 || !result.body.token) throw new Error(`token creation failed: ${result.status} ${result.body.message ?? ''}`);
  return result.body.token;
}

/**
 * Opens the header's account menu. A click before the page has hydrated does nothing (the menu is a
 * client component, and a busy machine hydrates late), so it clicks until the menu is open.
 */
export async function openAccountMenu(page: Page, login: string): Promise<void> {
  const trigger = page.getByRole('button', { name: `Account: ${login}` });
  await expect(async () => {
    if ((await trigger.getAttribute('aria-expanded')) !== 'true') await trigger.click();
    await expect(page.getByRole('menu')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}
