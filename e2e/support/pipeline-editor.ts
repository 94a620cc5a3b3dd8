import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** Pipelines and the editor, as the e2e tests drive them. */

export interface CreatedPipeline {
  id: string;
  version: number;
}

export async function createPipelineViaApi(api: APIRequestContext, application: string, pipeline: Record<string, unknown>): Promise<CreatedPipeline> {
  const res = await api.post(`/api/v1/applications/${application}/pipelines`, { data: { pipeline: { application, ...pipeline } } });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { pipeline: { id: string }; version: number };
  return { id: body.pipeline.id, version: body.version };
}

export const waitStage = (refId: string, name: string, ...requisiteStageRefIds: string[]) => ({ refId, name, type: 'wait', waitTime: 30, requisiteStageRefIds });

/** Opens the editor and waits until it says it is ready (laid out, validated, inputs live). */
export async function openEditor(page: Page, application: string, id: string): Promise<void> {
  await page.goto(`/applications/${application}/pipelines/${id}`);
  await expect(page.locator('[data-editor-ready]')).toBeAttached({ timeout: 20_000 });
}

/** Adds a stage of the given catalog label after the selected stage (or at the start) and names it. */
export async function addStage(page: Page, label: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add stage' }).click();
  await page.getByRole('menuitem', { name: new RegExp(`^${label}`) }).click();
  const nameField = page.getByLabel('Name', { exact: true });
  await expect(nameField).toHaveValue(new RegExp(`^${label}`));
  await nameField.fill(name);
}

/** Selects a stage in the accessible stage list. */
export async function selectStage(page: Page, name: string): Promise<void> {
  await page.getByRole('listbox', { name: 'Stages' }).getByRole('option', { name: new RegExp(`^${name}\\b`) }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}
