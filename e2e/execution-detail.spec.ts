import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { createApplicationViaApi, expect, test, uniqueName } from './support/fixtures';
import { setGroupMember } from './support/ldap-admin';
import { createPipelineViaApi } from './support/pipeline-editor';

const screenshots = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const permissions = { READ: ['developers', 'viewers'], WRITE: ['developers'], EXECUTE: ['developers'] };

async function trigger(api: APIRequestContext, app: string, pipelineId: string, parameters: Record<string, string> = {}): Promise<string> {
  const res = await api.post(`/api/v1/applications/${app}/pipelines/${pipelineId}/executions`, { data: { parameters } });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function openExecution(page: Page, app: string, id: string): Promise<void> {
  await page.goto(`/applications/${app}/executions/${id}`);
  await expect(page.locator('html[data-execution-ready]')).toBeAttached();
}

const graph = (page: Page) => page.getByRole('group', { name: /^Stage graph/ });
const stageButton = (page: Page, name: string) => graph(page).getByRole('button', { name: new RegExp(`^${name},`) });

test.describe('execution page', () => {
  test('stages turn green live, the graph is keyboard operable, and a cancel keeps its reason', async ({ page, adminApi }) => {
    test.setTimeout(120_000);
    const app = uniqueName('exec');
    await createApplicationViaApi(adminApi, app, { permissions });
    const wait = (refId: string, name: string, seconds: number, ...after: string[]) => ({ refId, name, type: 'wait', waitTime: seconds, requisiteStageRefIds: after });
    const quick = await createPipelineViaApi(adminApi, app, { name: 'Quick', stages: [wait('a', 'First', 2), wait('b', 'Second', 2, 'a'), wait('c', 'Third', 1, 'a')] });
    const id = await trigger(adminApi, app, quick.id);

    await openExecution(page, app, id);
    await expect(page.getByRole('heading', { level: 1, name: 'Quick' })).toBeVisible();
    // No reload from here on: the event stream brings every change.
    for (const name of ['First', 'Second', 'Third']) await expect(stageButton(page, name)).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Quick' }).locator('xpath=following-sibling::*[1]')).toHaveText('Succeeded');
    await expect(page.getByRole('list', { name: 'Stage timeline' }).getByRole('button')).toHaveCount(3);

    // Keyboard: focus the first stage, move right to the next column, Enter opens its details.
    await stageButton(page, 'First').focus();
    await page.keyboard.press('ArrowRight');
    await expect(stageButton(page, 'Second')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(stageButton(page, 'Third')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Stage Third' })).toBeVisible();
    await expect(page).toHaveURL(/\?stage=/);

    // "View as JSON" shows the execution itself.
    await page.getByRole('button', { name: 'View as JSON' }).click();
    await expect(page.getByRole('dialog', { name: 'Execution JSON' })).toContainText(`"id": "${id}"`);
    await page.keyboard.press('Escape');

    // Cancel a long-running one with a reason.
    const slow = await createPipelineViaApi(adminApi, app, { name: 'Slow', stages: [wait('w', 'Long wait', 600)] });
    const slowId = await trigger(adminApi, app, slow.id);
    await openExecution(page, app, slowId);
    await expect(stageButton(page, 'Long wait')).toHaveAttribute('data-status', 'RUNNING');
    await page.getByRole('button', { name: 'Cancel execution' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel Slow?' });
    await dialog.getByLabel('Reason (optional)').fill('wrong build');
    await dialog.getByRole('button', { name: 'Cancel execution' }).click();
    await expect(page.getByTestId('cancellation')).toHaveText('Canceled by alice: wrong build');
    await expect(stageButton(page, 'Long wait')).toHaveAttribute('data-status', 'CANCELED');
    await expect(page.getByRole('button', { name: 'Cancel execution' })).toBeHidden();
  });

  test('a failed stage is explained, restarted and succeeds', async ({ page, adminApi }) => {
    test.setTimeout(120_000);
    const app = uniqueName('restart');
    await createApplicationViaApi(adminApi, app, { permissions });
    // The parent runs a child pipeline whose precondition fails until the child is changed.
    const precondition = (expression: string) => [{ refId: 'check', name: 'Ready to ship', type: 'checkPreconditions', requisiteStageRefIds: [], preconditions: [{ type: 'expression', context: { expression, failureMessage: 'The release checklist is not complete' } }] }];
    const child = await createPipelineViaApi(adminApi, app, { name: 'Checklist', stages: precondition('false') });
    const parent = await createPipelineViaApi(adminApi, app, { name: 'Release', stages: [{ refId: 'run', name: 'Run checklist', type: 'pipeline', application: app, pipeline: child.id, requisiteStageRefIds: [] }] });
    const id = await trigger(adminApi, app, parent.id);

    await openExecution(page, app, id);
    await expect(stageButton(page, 'Run checklist')).toHaveAttribute('data-status', 'TERMINAL', { timeout: 30_000 });
    await stageButton(page, 'Run checklist').click();
    const details = page.getByRole('region', { name: 'Stage Run checklist' });
    await expect(details.getByTestId('failure-summary')).toContainText('Child pipeline Checklist');
    await expect(details.getByText(/stopped the pipeline/)).toBeVisible();
    await expect(details.getByText('Raw error')).toBeVisible();

    // The child's own page says why in plain words; that is the screenshot of a failed stage explained.
    const childRun = await adminApi.get(`/api/v1/executions/${id}`);
    const outputs = ((await childRun.json()) as { stages: { outputs: Record<string, unknown> }[] }).stages[0]?.outputs ?? {};
    const childId = String(outputs.executionId ?? '');
    expect(childId).not.toBe('');
    await openExecution(page, app, childId);
    const check = page.getByRole('region', { name: 'Stage Ready to ship' });
    await expect(check.getByTestId('failure-summary')).toBeVisible();
    await expect(check.getByText(/What to do: A precondition did not hold/)).toBeVisible();
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'execution-failed.png'), fullPage: true });

    // Fix the child, restart the parent's stage (confirming the downstream reset), watch it succeed.
    const fixed = await adminApi.put(`/api/v1/applications/${app}/pipelines/${child.id}`, { data: { pipeline: { application: app, name: 'Checklist', stages: precondition('true') }, expectedVersion: child.version } });
    expect(fixed.status(), await fixed.text()).toBe(200);
    await openExecution(page, app, id);
    await stageButton(page, 'Run checklist').click();
    await page.getByRole('button', { name: 'Restart stage' }).click();
    const confirm = page.getByRole('dialog', { name: 'Restart Run checklist?' });
    await expect(confirm).toContainText('every stage downstream');
    await confirm.getByRole('button', { name: 'Restart stage' }).click();
    await expect(stageButton(page, 'Run checklist')).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Restart details' })).toContainText('by alice');
  });

  test('a pipeline stage marked skippable is skipped with a reason; stages that may not be skipped offer no Skip', async ({ page, adminApi }) => {
    test.setTimeout(120_000);
    const app = uniqueName('skip');
    await createApplicationViaApi(adminApi, app, { permissions });
    const child = await createPipelineViaApi(adminApi, app, { name: 'Slow tests', stages: [{ refId: 'w', name: 'Long wait', type: 'wait', requisiteStageRefIds: [], waitTime: 600 }] });
    const parent = await createPipelineViaApi(adminApi, app, {
      name: 'Release',
      stages: [
        { refId: 'p', name: 'Run tests', type: 'pipeline', requisiteStageRefIds: [], application: app, pipeline: child.id, skippable: true },
        { refId: 'd', name: 'Deploy', type: 'wait', requisiteStageRefIds: ['p'], waitTime: 1 },
      ],
    });
    const id = await trigger(adminApi, app, parent.id);

    // The child's running wait may not be skipped: only "Skip remaining wait" is offered.
    const childExecution = async () => ((await (await adminApi.get(`/api/v1/executions?application=${app}&pipeline=${child.id}`)).json()) as { executions: { id: string }[] }).executions[0]?.id;
    await expect.poll(childExecution, { timeout: 30_000 }).toBeTruthy();
    await openExecution(page, app, (await childExecution()) ?? '');
    await expect(stageButton(page, 'Long wait')).toHaveAttribute('data-status', 'RUNNING', { timeout: 30_000 });
    await stageButton(page, 'Long wait').click();
    const wait = page.getByRole('region', { name: 'Stage Long wait' });
    await expect(wait.getByRole('button', { name: 'Skip remaining wait' })).toBeVisible();
    await expect(wait.getByRole('button', { name: 'Skip stage' })).toHaveCount(0);

    await openExecution(page, app, id);
    await expect(stageButton(page, 'Run tests')).toHaveAttribute('data-status', 'RUNNING', { timeout: 30_000 });
    await stageButton(page, 'Run tests').click();
    const details = page.getByRole('region', { name: 'Stage Run tests' });
    await details.getByRole('button', { name: 'Skip stage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Skip Run tests?' });
    await expect(dialog.getByRole('button', { name: 'Skip stage' })).toBeDisabled();
    await dialog.getByLabel('Why skip it?').fill('tests are known to be broken by the outage');
    await dialog.getByRole('button', { name: 'Skip stage' }).click();
    await expect(stageButton(page, 'Run tests')).toHaveAttribute('data-status', 'SKIPPED');
    await expect(stageButton(page, 'Deploy')).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 30_000 });
    const execution = (await (await adminApi.get(`/api/v1/executions/${id}`)).json()) as { stages: { name: string; context: Record<string, unknown> }[] };
    expect(execution.stages.find((s) => s.name === 'Run tests')?.context).toMatchObject({ manualSkip: true, skippedBy: 'alice', skipReason: 'tests are known to be broken by the outage' });

  });

  test('manual judgment: bob may judge, carol sees who may, instructions are inert', async ({ browser, adminApi, signedIn, foresail, world }) => {
    test.setTimeout(150_000);
    const app = uniqueName('judge');
    await createApplicationViaApi(adminApi, app, { permissions });
    const instructions = [
      '## Before you continue',
      '',
      '- Check the **canary dashboard**',
      '- Read [the runbook](https://example.com/runbook)',
      '- [Do not click](javascript:window.__pwned=1)',
      '',
      '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=1">',
    ].join('\n');
    const pipeline = await createPipelineViaApi(adminApi, app, {
      name: 'Promote',
      stages: [{ refId: 'mj', name: 'Approve release', type: 'manualJudgment', requisiteStageRefIds: [], instructions, judgmentInputs: [{ value: 'ship it' }, { value: 'hold' }], selectedStageRoles: ['release-managers'] }],
    });
    const id = await trigger(adminApi, app, pipeline.id);

    // carol: no groups of her own; a viewer for this test.
    await setGroupMember(world.ldap, 'viewers', 'carol', true);
    const carol = await browser.newContext({ storageState: await signedIn('carol'), baseURL: foresail.url });
    const bob = await browser.newContext({ storageState: await signedIn('bob'), baseURL: foresail.url });
    try {
      const carolPage = await carol.newPage();
      await expect(async () => {
        await openExecution(carolPage, app, id);
      }).toPass({ timeout: (world.refreshSeconds + 20) * 1000 });
      const carolJudgment = carolPage.getByRole('region', { name: 'Stage Approve release' });
      await expect(carolJudgment.getByText(/Who may judge: .* one of the roles release-managers/)).toBeVisible();
      await expect(carolJudgment.getByRole('button', { name: 'Continue' })).toHaveCount(0);

      const bobPage = await bob.newPage();
      await openExecution(bobPage, app, id);
      const judgment = bobPage.getByRole('region', { name: 'Stage Approve release' });
      await expect(judgment.getByRole('heading', { name: 'Before you continue' })).toBeVisible();
      // bob may run the pipeline, but a judgment is only judged, never skipped: no Skip is offered.
      await expect(bobPage.getByRole('button', { name: 'Skip stage' })).toHaveCount(0);
      // Raw HTML is not rendered and the javascript: link has no href at all.
      await expect(judgment.locator('script')).toHaveCount(0);
      await expect(judgment.locator('img')).toHaveCount(0);
      await expect(judgment.locator('[href^="javascript:" i]')).toHaveCount(0);
      await expect(judgment.getByRole('link', { name: 'the runbook' })).toHaveAttribute('href', 'https://example.com/runbook');
      await judgment.getByText('Do not click').click();
      expect(await bobPage.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      await bobPage.screenshot({ path: path.join(screenshots, 'manual-judgment.png'), fullPage: true });

      await judgment.getByLabel('Judgment input').selectOption('ship it');
      await judgment.getByRole('button', { name: 'Continue' }).click();
      await expect(judgment.getByTestId('judgment-result')).toContainText(/Judged by bob at .*: Continue \(ship it\)/);
      await expect(stageButton(bobPage, 'Approve release')).toHaveAttribute('data-status', 'SUCCEEDED');
      // carol's page follows live, without a reload.
      await expect(carolJudgment.getByTestId('judgment-result')).toContainText('Judged by bob');
    } finally {
      await carol.close();
      await bob.close();
      await setGroupMember(world.ldap, 'viewers', 'carol', false);
    }
  });
});
