import fs from 'node:fs';
import path from 'node:path';
import { createApplicationViaApi, expect, test, uniqueName } from './support/fixtures';
import { addStage, createPipelineViaApi, openEditor, selectStage, waitStage } from './support/pipeline-editor';

const screenshots = path.resolve(import.meta.dirname, '..', '.foresail', 'test-results', 'screenshots');

test.describe('pipeline editor', () => {
  test('builds a fan-out/fan-in in the graph, breaks and fixes it as JSON, saves, restores and locks it', async ({ page, adminApi }) => {
    test.setTimeout(120_000);
    const app = uniqueName('editor');
    await createApplicationViaApi(adminApi, app);

    // A new, empty pipeline from the list.
    await page.goto(`/applications/${app}/pipelines`);
    await expect(page.getByRole('heading', { name: 'No pipelines yet' })).toBeVisible();
    await page.getByRole('button', { name: 'New pipeline' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Fan out and in');
    await page.getByRole('button', { name: 'Create and edit' }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${app}/pipelines/[\\w-]+$`));
    const id = page.url().split('/').pop() ?? '';
    await expect(page.locator('[data-editor-ready]')).toBeAttached();

    // A → B, A → C, then D after C that also depends on B (through the depends-on field).
    await addStage(page, 'Wait', 'A');
    await addStage(page, 'Wait', 'B');
    await selectStage(page, 'A');
    await addStage(page, 'Wait', 'C');
    await addStage(page, 'Wait', 'D');
    await page.getByRole('group', { name: 'Depends on' }).getByLabel('B', { exact: true }).check();
    const stages = page.getByRole('listbox', { name: 'Stages' });
    await expect(stages.getByRole('option')).toHaveCount(4);
    await expect(stages.getByRole('option', { name: /^B .*after A/ })).toBeVisible();
    await expect(stages.getByRole('option', { name: /^C .*after A/ })).toBeVisible();
    await expect(stages.getByRole('option', { name: /^D .*after C, B/ })).toBeVisible();
    const graph = page.getByRole('application', { name: 'Stage graph' });
    for (const edge of ['A → B', 'A → C', 'B → D', 'C → D']) await expect(graph.getByRole('img', { name: edge, exact: true })).toBeAttached();
    await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved as version 2.')).toBeVisible();
    await expect(page.getByText('Version 2 · saved by alice')).toBeVisible();
    fs.mkdirSync(screenshots, { recursive: true });
    await selectStage(page, 'D');
    await page.screenshot({ path: path.join(screenshots, 'pipeline-editor.png'), fullPage: true });

    // JSON mode: a syntax error first, then a model error with jump-to-error, then the fix.
    await page.getByRole('tab', { name: 'Edit as JSON / YAML' }).click();
    const text = page.getByLabel('Pipeline as JSON');
    const original = await text.inputValue();
    await text.fill(original.trimEnd().slice(0, -1));
    await expect(page.getByRole('alert').filter({ hasText: 'JSON syntax error at line' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
    await page.getByRole('tab', { name: 'Stages' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Fix the JSON first' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Edit as JSON / YAML' })).toHaveAttribute('aria-selected', 'true');

    const broken = JSON.parse(original) as { stages: { name: string; requisiteStageRefIds: string[] }[] };
    const d = broken.stages.find((s) => s.name === 'D');
    if (d) d.requisiteStageRefIds = ['nope'];
    await text.fill(JSON.stringify(broken, null, 2));
    const problem = page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: /requires stage "nope", but no stage has that refId/ });
    await expect(problem).toBeVisible();
    await problem.click();
    const selected = await text.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
    expect(selected).toBe('"nope"');
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
    await text.fill(original);
    await expect(page.getByText('No problems found.')).toBeVisible();
    await page.getByRole('tab', { name: 'Stages' }).click();
    await expect(page.getByRole('tab', { name: 'Stages' })).toHaveAttribute('aria-selected', 'true');

    // Edit again: another save, another version.
    await selectStage(page, 'B');
    await page.getByLabel('Wait time (seconds)').fill('45');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved as version 3.')).toBeVisible();

    // History: restore the first saved revision of the graph (version 2; version 1 is the empty pipeline).
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Revision history' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'History of Fan out and in' })).toBeVisible();
    await page.getByRole('button', { name: /^Version 2/ }).click();
    await expect(page.getByRole('table', { name: 'Changes made in version 2' })).toContainText('"name": "D"');
    await page.getByRole('button', { name: 'Restore this version' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore version 2' }).click();
    await expect(page.getByText('Restored: it is now version 4.')).toBeVisible();
    await page.getByRole('link', { name: 'Back to the editor' }).click();
    await expect(page.locator('[data-editor-ready]')).toBeAttached();
    await expect(page.getByText('Version 4 · saved by alice')).toBeVisible();
    await selectStage(page, 'B');
    await expect(page.getByLabel('Wait time (seconds)')).toHaveValue('30');

    // Lock: the UI turns read-only and the API refuses a save.
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Lock…' }).click();
    await page.getByRole('dialog').getByLabel('Reason (shown to everyone)').fill('Managed in git');
    await page.getByRole('dialog').getByRole('button', { name: 'Lock pipeline' }).click();
    await expect(page.getByText('This pipeline is locked and read-only.')).toBeVisible();
    await expect(page.getByText('Managed in git')).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Add stage' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
    const current = (await (await adminApi.get(`/api/v1/applications/${app}/pipelines/${id}`)).json()) as { pipeline: Record<string, unknown>; version: number };
    const refused = await adminApi.put(`/api/v1/applications/${app}/pipelines/${id}`, { data: { pipeline: { ...current.pipeline, description: 'sneaky' }, expectedVersion: current.version } });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain('is locked (Managed in git)');
  });

  test('refuses a connection that would make a cycle, in place, naming the cycle, and removes an edge with Delete', async ({ page, adminApi }) => {
    const app = uniqueName('cycle');
    await createApplicationViaApi(adminApi, app);
    const { id } = await createPipelineViaApi(adminApi, app, { name: 'Chain', stages: [waitStage('1', 'A'), waitStage('2', 'B', '1'), waitStage('3', 'C', '2')] });
    await openEditor(page, app, id);

    // Through the depends-on field: A cannot depend on C, which runs after it.
    await selectStage(page, 'A');
    const dependsOn = page.getByRole('group', { name: 'Depends on' });
    await expect(dependsOn.getByText('would make a cycle')).toHaveCount(2);
    await dependsOn.getByLabel('C', { exact: true }).click();
    await expect(dependsOn.getByRole('alert')).toHaveText('Not connected: "A" cannot depend on "C": that would make a cycle C → A → B → C.');
    await expect(dependsOn.getByLabel('C', { exact: true })).not.toBeChecked();

    // Through the graph: drag from C's output handle onto A.
    const graph = page.getByRole('application', { name: 'Stage graph' });
    const from = graph.locator('.react-flow__node[data-id="3"] .react-flow__handle.source');
    const to = graph.locator('.react-flow__node[data-id="1"] .react-flow__handle.target');
    await from.hover();
    await page.mouse.down();
    const box = await to.boundingBox();
    if (!box) throw new Error('target handle not laid out');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect(page.getByRole('alert').filter({ hasText: 'Connection refused' })).toHaveText('Connection refused: "A" cannot depend on "C": that would make a cycle C → A → B → C.');
    await expect(page.getByText('Unsaved changes', { exact: true })).toHaveCount(0);

    // Removing a dependency: select the edge, press Delete.
    // Playwright does not treat an SVG edge group as visible, so click where the edge is drawn.
    await graph.scrollIntoViewIfNeeded();
    const edge = await graph.getByRole('img', { name: 'B → C' }).boundingBox();
    if (!edge) throw new Error('edge not laid out');
    await page.mouse.click(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await expect(page.getByRole('toolbar', { name: 'Stage graph tools' })).toContainText('Dependency: B → C');
    await page.keyboard.press('Delete');
    await expect(graph.getByRole('img', { name: 'B → C' })).toHaveCount(0);
    await expect(page.getByRole('listbox', { name: 'Stages' }).getByRole('option', { name: /^C Wait$/ })).toBeVisible();
    await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  });

  test('a stale save shows who saved meanwhile and reloads only after a confirm', async ({ page, adminApi, browser, signedIn, foresail }) => {
    const app = uniqueName('stale');
    await createApplicationViaApi(adminApi, app, { permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: [] } });
    const { id } = await createPipelineViaApi(adminApi, app, { name: 'Busy', stages: [waitStage('1', 'A')] });
    await openEditor(page, app, id);
    await selectStage(page, 'A');
    await page.getByLabel('Name', { exact: true }).fill('A (mine)');

    // Meanwhile bob saves through the API from his own session.
    const bob = await browser.newContext({ storageState: await signedIn('bob'), baseURL: foresail.url });
    const bobPage = await bob.newPage();
    await bobPage.goto(`/applications/${app}/pipelines`);
    const status = await bobPage.evaluate(async (url) => {
      const current = (await (await fetch(url)).json()) as { pipeline: Record<string, unknown>; version: number };
      const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pipeline: { ...current.pipeline, description: 'bob was here' }, expectedVersion: current.version }) });
      return res.status;
    }, `/api/v1/applications/${app}/pipelines/${id}`);
    expect(status).toBe(200);
    await bob.close();

    await page.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Not saved.' });
    await expect(conflict).toContainText('version 2 was saved by bob');
    await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Discard my edits and reload' }).click();
    await expect(page.getByText('Version 2 · saved by bob')).toBeVisible();
    await expect(page.getByRole('listbox', { name: 'Stages' }).getByRole('option', { name: /^A Wait/ })).toBeVisible();
    await expect(page.getByText('No unsaved changes')).toBeVisible();
  });

  test('import shows a per-pipeline report with issue paths before importing the valid ones', async ({ page, adminApi }) => {
    const app = uniqueName('import');
    await createApplicationViaApi(adminApi, app);
    const input = [
      { name: 'Good one', stages: [waitStage('1', 'Wait')] },
      { name: 'Broken one', stages: [waitStage('1', 'Wait'), waitStage('2', 'Later', 'ghost')] },
    ];
    await page.goto(`/applications/${app}/pipelines`);
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Pipeline JSON or YAML').fill(JSON.stringify(input, null, 2));
    await dialog.getByRole('button', { name: 'Check' }).click();
    const report = dialog.getByRole('table', { name: 'Import check' });
    await expect(report.getByRole('row', { name: /Good one/ })).toContainText('Will be created');
    const broken = report.getByRole('row', { name: /Broken one/ });
    await expect(broken).toContainText('Invalid: not imported');
    await expect(broken).toContainText('stages[1].requisiteStageRefIds[0] requires stage "ghost", but no stage has that refId');
    await dialog.getByRole('button', { name: 'Import 1 valid pipeline' }).click();
    await expect(dialog.getByRole('table', { name: 'Import result' }).getByRole('row', { name: /Good one/ })).toContainText('Created');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByRole('link', { name: 'Good one' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Broken one' })).toHaveCount(0);
  });

  test('renames, disables and deletes from the actions menu', async ({ page, adminApi }) => {
    const app = uniqueName('actions');
    await createApplicationViaApi(adminApi, app);
    const { id } = await createPipelineViaApi(adminApi, app, { name: 'Old name', stages: [waitStage('1', 'A')] });
    await openEditor(page, app, id);
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Rename…' }).click();
    await page.getByRole('dialog').getByLabel('New name').fill('New name');
    await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New name' })).toBeVisible();
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Disable' }).click();
    await expect(page.getByText('Disabled', { exact: true })).toBeVisible();
    await expect(page.getByText('Version 3 · saved by alice')).toBeVisible();
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete pipeline' }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${app}/pipelines$`));
    await expect(page.getByRole('heading', { name: 'No pipelines yet' })).toBeVisible();
  });

  test('reorders pipelines from the keyboard', async ({ page, adminApi }) => {
    const app = uniqueName('order');
    await createApplicationViaApi(adminApi, app);
    for (const name of ['First', 'Second']) await createPipelineViaApi(adminApi, app, { name, stages: [waitStage('1', 'Wait')] });
    await page.goto(`/applications/${app}/pipelines`);
    await page.getByRole('button', { name: 'Move Second up' }).click();
    await expect(page.getByRole('row').nth(1)).toContainText('Second');
    await expect(async () => {
      const list = (await (await adminApi.get(`/api/v1/applications/${app}/pipelines`)).json()) as { name: string }[];
      expect(list.map((p) => p.name)).toEqual(['Second', 'First']);
    }).toPass();
  });

  test('a trigger secret is never shown; saving keeps it, Replace secret rotates it', async ({ page, adminApi, foresail }) => {
    test.setTimeout(90_000);
    const app = uniqueName('secret');
    await createApplicationViaApi(adminApi, app);
    const source = `${app}-hook`;
    const token = `first-${Date.now().toString(36)}`;
    const { id } = await createPipelineViaApi(adminApi, app, { name: 'Hooked', limitConcurrent: false, stages: [{ ...waitStage('1', 'A'), waitTime: 1 }], triggers: [{ type: 'webhook', enabled: true, source, secret: token }] });
    const hook = async (value: string) => ((await (await fetch(`${foresail.url}/api/webhooks/webhook/${source}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-foresail-token': value }, body: '{}' })).json()) as { accepted: number; refused: number });

    await openEditor(page, app, id);
    await page.getByRole('tab', { name: 'Configuration' }).click();
    await expect(page.getByText('A secret is set (hidden from everyone).')).toBeVisible();
    expect(await page.content()).not.toContain(token);
    await page.getByLabel('Description', { exact: true }).first().fill('edited around the secret');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved as version 2.')).toBeVisible();
    expect(await hook(token)).toEqual({ accepted: 1, refused: 0 });

    await page.getByRole('button', { name: 'Replace secret' }).click();
    await page.getByRole('textbox', { name: 'Secret', exact: true }).fill('second-secret-value');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved as version 3.')).toBeVisible();
    await expect(page.getByText('A secret is set (hidden from everyone).')).toBeVisible();
    expect(await hook(token)).toEqual({ accepted: 0, refused: 1 });
    expect(await hook('second-secret-value')).toEqual({ accepted: 1, refused: 0 });
  });

  test.describe('as dave (viewers)', () => {
    test.use({ user: 'dave' });
    test('sees pipelines read-only', async ({ page, adminApi }) => {
      const app = uniqueName('viewonly');
      await createApplicationViaApi(adminApi, app, { permissions: { READ: ['viewers'], WRITE: [], EXECUTE: [] } });
      const { id } = await createPipelineViaApi(adminApi, app, { name: 'Look only', stages: [waitStage('1', 'A')] });
      await page.goto(`/applications/${app}/pipelines`);
      await expect(page.getByRole('button', { name: 'New pipeline' })).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Move Look only up' })).toHaveCount(0);
      await openEditor(page, app, id);
      await expect(page.getByText('You can see this pipeline but not change it')).toBeVisible();
      await selectStage(page, 'A');
      await expect(page.getByLabel('Name', { exact: true })).toBeDisabled();
      await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
    });

    test('with WRITE but not EXECUTE, edits everything but the triggers, and is told why', async ({ page, adminApi }) => {
      const app = uniqueName('writeonly');
      await createApplicationViaApi(adminApi, app, { permissions: { READ: [], WRITE: ['viewers'], EXECUTE: [] } });
      const { id } = await createPipelineViaApi(adminApi, app, { name: 'Scheduled', stages: [waitStage('1', 'A')], triggers: [{ type: 'cron', enabled: true, cronExpression: '0 0 10 ? * MON-FRI' }] });
      await openEditor(page, app, id);
      await page.getByRole('tab', { name: 'Configuration' }).click();
      await expect(page.getByText(/Adding, changing or enabling triggers needs EXECUTE on this application as well as WRITE/)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Add trigger' })).toHaveCount(0);
      await expect(page.getByRole('textbox', { name: 'Cron expression (Quartz, seconds first)' })).toBeDisabled();
      await page.getByLabel('Description', { exact: true }).first().fill('edited by someone who may not run it');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('Saved as version 2.')).toBeVisible();
    });
  });
});
