import fs from 'node:fs';
import type { Browser } from '@playwright/test';
import { Client } from 'ldapts';
import { ensureServices } from '../lib/world/services';
import { stopLdap } from '../lib/world/ldap';
import { createApplicationViaApi, expect, test, uniqueName } from './support/fixtures';
import { startForesail } from './support/foresail-process';
import { setGroupMember } from './support/ldap-admin';
import { anonymous, openAccountMenu, signInWithGitHub } from './support/sign-in';

// Three applications with different permissions, shared by the tests below.
const apps = {
  dev: { name: 'perm-dev', permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['release-managers'] } },
  view: { name: 'perm-view', permissions: { READ: ['developers', 'viewers'], WRITE: [], EXECUTE: [] } },
  secret: { name: 'perm-secret', permissions: { READ: [], WRITE: [], EXECUTE: [] } },
};

test.describe('identity and permissions', () => {
  test.beforeAll(async ({ adminApi }) => {
    for (const app of Object.values(apps)) {
      if ((await adminApi.get(`/api/v1/applications/${app.name}`)).status() === 404) await createApplicationViaApi(adminApi, app.name, { permissions: app.permissions });
    }
  });

  test('anonymous visitors are sent to sign in and come back where they were going', async ({ browser, foresail }) => {
    const context = await browser.newContext({ storageState: anonymous });
    const page = await context.newPage();
    await page.goto(`${foresail.url}/applications/perm-dev`);
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fapplications%2Fperm-dev/);
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    await expect(page).toHaveURL(/\/applications\/perm-dev$/);
    await context.close();
  });

  test.describe('as alice (admins)', () => {
    test.use({ user: 'alice' });
    test('sees every application, including one without permissions', async ({ page }) => {
      await page.goto('/applications');
      for (const app of Object.values(apps)) await expect(page.getByRole('link', { name: app.name, exact: true })).toBeVisible();
      await openAccountMenu(page, 'alice');
      await expect(page.getByLabel('Your roles')).toHaveText(/admins.*developers/);
    });
  });

  test.describe('as bob (developers, release-managers)', () => {
    test.use({ user: 'bob' });
    test('sees only applications granting his roles', async ({ page }) => {
      await page.goto('/applications');
      await expect(page.getByRole('link', { name: 'perm-dev', exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: 'perm-view', exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: 'perm-secret', exact: true })).toHaveCount(0);
      const hidden = await page.goto('/applications/perm-secret');
      expect(hidden?.status()).toBe(404);
    });

    test('edits where he has WRITE and is clearly refused where he has only READ', async ({ page }) => {
      await page.goto('/applications/perm-dev');
      await page.getByLabel('Description').fill('Edited by bob');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByText('Saved.')).toBeVisible();

      await page.goto('/applications/perm-view');
      await expect(page.getByText('You can see perm-view but not change it')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);
      // The server refuses too, whatever the UI shows.
      const refused = await page.evaluate(async () => {
        const res = await fetch('/api/v1/applications/perm-view', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ description: 'sneaky' }) });
        return { status: res.status, body: (await res.json()) as { message: string } };
      });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe('You (bob) may not change application perm-view (admins only)');
    });

    test('creates an API token with fewer roles, uses it, and revokes it', async ({ page, foresail }) => {
      await page.goto('/settings/tokens');
      await page.getByRole('button', { name: 'New token' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('bob-ci');
      await dialog.getByRole('checkbox', { name: 'release-managers' }).uncheck();
      await dialog.getByRole('button', { name: 'Create token' }).click();
      const token = await dialog.getByLabel('Token').inputValue();
      expect(token).toMatch(/^fst_/);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await expect(page.getByRole('row', { name: /bob-ci/ }).getByRole('cell').first()).toContainText('bob-ci');

      const me = await fetch(`${foresail.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toMatchObject({ login: 'bob', roles: ['developers'], via: 'token', token: { name: 'bob-ci' } });

      await page.getByRole('button', { name: 'Revoke bob-ci' }).click();
      await expect(page.getByText('revoked')).toBeVisible();
      expect((await fetch(`${foresail.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    });
  });

  test.describe('as dave (viewers)', () => {
    test.use({ user: 'dave' });
    test('sees only what viewers may see, read-only', async ({ page }) => {
      await page.goto('/applications');
      await expect(page.getByRole('link', { name: 'perm-view', exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: 'perm-dev', exact: true })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'New application' })).toHaveCount(0);
    });
  });

  test.describe('as carol (no groups)', () => {
    test.use({ user: 'carol' });
    test('gets an empty, friendly page', async ({ page }) => {
      await page.goto('/applications');
      await expect(page.getByRole('heading', { name: 'You have no roles yet' })).toBeVisible();
      await expect(page.getByText('Your account is in no group that gives roles in Foresail')).toBeVisible();
      await openAccountMenu(page, 'carol');
      await expect(page.getByLabel('Your roles')).toHaveText('none');
    });
  });

  test('a GitHub user missing from the directory is refused with the reason', async ({ browser, foresail }) => {
    const context = await browser.newContext({ storageState: anonymous });
    const page = await context.newPage();
    await page.goto(`${foresail.url}/login`);
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    await page.getByRole('button', { name: 'Sign in as erin' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Sign-in refused' })).toContainText('your GitHub account is not in the company directory');
    await context.close();
  });

  test('removing bob from a group in LDAP takes his access away after the refresh interval', async ({ browser, foresail, world }) => {
    const context = await browser.newContext({ storageState: anonymous, baseURL: foresail.url });
    const page = await context.newPage();
    await signInWithGitHub(page, foresail.url, 'bob');
    await page.goto('/applications');
    await expect(page.getByRole('link', { name: 'perm-view', exact: true })).toBeVisible();
    await setGroupMember(world.ldap, 'developers', 'bob', false);
    try {
      // Within the refresh interval the session may still carry the old groups; after it, never.
      await expect(async () => {
        await page.reload();
        await expect(page.getByRole('link', { name: 'perm-view', exact: true })).toHaveCount(0, { timeout: 500 });
      }).toPass({ timeout: (world.refreshSeconds + 10) * 1000 });
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json() as Promise<{ roles: string[] }>);
      expect(me.roles).toEqual(['release-managers']);
    } finally {
      await setGroupMember(world.ldap, 'developers', 'bob', true);
      await context.close();
    }
  });

  test('signing out everywhere ends every session of that person', async ({ browser, foresail, signedIn }) => {
    const first = await browser.newContext({ storageState: anonymous, baseURL: foresail.url });
    const second = await browser.newContext({ storageState: anonymous, baseURL: foresail.url });
    const [a, b] = [await first.newPage(), await second.newPage()];
    await signInWithGitHub(a, foresail.url, 'dave');
    await signInWithGitHub(b, foresail.url, 'dave');
    await openAccountMenu(a, 'dave');
    await a.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
    await expect(a).toHaveURL(/\/login/);
    await b.goto('/applications');
    await expect(b).toHaveURL(/\/login/);
    await Promise.all([first.close(), second.close()]);
    // Every dave session ended, including the one later tests would reuse.
    signedIn.forget('dave');
  });

  test('alice finds the audit trail of these actions, filtered', async ({ page }) => {
    await page.goto('/settings/audit');
    await page.getByLabel('Actor').fill('bob');
    await page.getByLabel('Action').selectOption('token.');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/actor=bob/);
    const rows = page.getByRole('table', { name: /Audit events/ }).getByRole('row');
    await expect(rows.filter({ hasText: 'token.create' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: 'token.revoke' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: 'application.update' })).toHaveCount(0);
    await page.getByLabel('Action').selectOption('auth.sign-in');
    await page.getByLabel('Actor').fill('erin');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(rows.filter({ hasText: 'refused' }).first()).toBeVisible();
  });

  test('a renamed GitHub account is still the same person; whoever registers the old login is not', async ({ browser, foresail, world }) => {
    const bob = world.github.users.find((u) => u.login === 'bob');
    if (!bob) throw new Error('bob is a seed user');
    world.github.setUsers({ users: [...world.github.users.filter((u) => u.login !== 'bob'), { ...bob, login: 'bobby' }], replace: true });
    try {
      const renamed = await browser.newContext({ storageState: anonymous, baseURL: foresail.url });
      const page = await renamed.newPage();
      await signInWithGitHub(page, foresail.url, 'bobby');
      await openAccountMenu(page, 'bob');
      await expect(page.getByText('GitHub @bobby')).toBeVisible();
      await expect(page.getByLabel('Your roles')).toHaveText(/developers.*release-managers/);
      await renamed.close();

      world.github.setUsers({ users: [{ ...bob, id: 7777 }] }); // another account now called "bob"
      const newcomer = await browser.newContext({ storageState: anonymous });
      const other = await newcomer.newPage();
      await other.goto(`${foresail.url}/login`);
      await other.getByRole('button', { name: 'Sign in with GitHub' }).click();
      await other.getByRole('button', { name: 'Sign in as bob', exact: true }).click();
      await expect(other.getByRole('alert').filter({ hasText: 'Sign-in refused' })).toContainText('not in the company directory');
      await newcomer.close();
    } finally {
      world.github.reset();
    }
  });

  test('someone in 200 LDAP groups signs in and stays signed in (the session cookie is split)', async ({ browser, foresail, world }) => {
    const names = Array.from({ length: 200 }, (_, i) => `many-groups-${String(i).padStart(3, '0')}-release-engineering`);
    const member = `uid=carol,${world.ldap.usersDn}`;
    const client = new Client({ url: world.ldap.url });
    await client.bind(world.ldap.bindDn, world.ldap.bindPassword);
    try {
      for (const cn of names) await client.add(`cn=${cn},${world.ldap.groupsDn}`, { objectClass: 'groupOfNames', cn, member });
      const context = await browser.newContext({ storageState: anonymous, baseURL: foresail.url });
      const page = await context.newPage();
      await signInWithGitHub(page, foresail.url, 'carol');
      expect((await context.cookies()).map((c) => c.name)).toContain('next-auth.session-token.1');
      await page.goto('/settings/tokens');
      await expect(page).toHaveURL(/\/settings\/tokens$/);
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json() as Promise<{ login: string; groups: string[] }>);
      expect(me.login).toBe('carol');
      expect(me.groups).toHaveLength(200);
      await context.close();
    } finally {
      for (const cn of names) await client.del(`cn=${cn},${world.ldap.groupsDn}`).catch(() => undefined);
      await client.unbind();
    }
  });

  test('the audit log records the connection peer, not a client-supplied X-Forwarded-For', async ({ adminApi }) => {
    const name = uniqueName('audit-ip');
    const created = await adminApi.post('/api/v1/applications', { data: { name, ownerEmail: 'ip@example.com' }, headers: { 'x-forwarded-for': '203.0.113.9', 'x-foresail-peer-address': '198.51.100.1', 'x-real-ip': '192.0.2.1' } });
    expect(created.status()).toBe(201);
    const audit = await adminApi.get(`/api/v1/audit?application=${name}&action=application.create`);
    const { events } = (await audit.json()) as { events: { sourceIp: string | null }[] };
    expect(events.map((e) => e.sourceIp)).toEqual(['127.0.0.1']);
  });

  // Last: it stops the directory.
  test('with LDAP stopped, sign-in is refused with a clear message', async ({ browser, foresail, world }) => {
    await stopLdap();
    try {
      await signInExpectingRefusal(browser, foresail.url);
    } finally {
      const restarted = await ensureServices({ ldap: true }, () => undefined);
      expect(restarted.ldap?.url, 'LDAP came back on another port; later tests would fail').toBe(world.ldap.url);
    }
  });
});

async function signInExpectingRefusal(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({ storageState: anonymous });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
  await page.getByRole('button', { name: 'Sign in as carol' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Sign-in refused' })).toContainText('the LDAP directory that decides your permissions cannot be reached');
  await context.close();
}

// `npm run demo` as a newcomer runs it (no server.baseUrl), opened under either loopback name.
test.describe('demo sign-in on loopback addresses', () => {
  test('works on 127.0.0.1 and on localhost, and the terminal names one URL, the one that works', async ({ browser }) => {
    test.setTimeout(240_000);
    const demo = await startForesail({ command: 'demo', baseUrl: null });
    try {
      const landed: string[] = [];
      for (const name of ['127.0.0.1', 'localhost']) {
        const context = await browser.newContext({ storageState: anonymous });
        const page = await context.newPage();
        await page.goto(`http://${name}:${demo.port}/`);
        await expect(page).toHaveURL(/\/login/);
        await page.getByRole('button', { name: 'Sign in as dave' }).click();
        await expect(page).toHaveURL(/\/applications/);
        await expect(page.getByText('Demo mode: you are signed in as dave (roles viewers)')).toBeVisible();
        landed.push(new URL(page.url()).origin);
        await context.close();
      }
      // Foresail's own addresses only: the demo world also logs its parts' (the cluster's apiserver, Prometheus).
      const printed = new Set(fs.readFileSync(demo.logFile, 'utf8').match(/https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\]):\d+/g)?.filter((url) => new URL(url).port === String(demo.port)));
      expect([...printed]).toEqual([landed[0]]);
      expect(landed[1]).toBe(landed[0]);
    } finally {
      await demo.stop();
    }
  });
});
