import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/fixtures';
import { spinFor, type Spin } from './support/spin';

// The real spin CLI (v1.30.0) saving, reading, planning and deleting Managed Pipeline Templates v2
// through Foresail's Gate routes, with spinnaker.io's own example template and templated pipeline.
const corpus = (file: string) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'spinnaker-corpus', 'mpt-v2', file), 'utf8')) as Record<string, unknown>;
const template = corpus('create-template-newSpelTemplate.json') as { variables: Record<string, unknown>[] } & Record<string, unknown>;
const instance = corpus('instantiate-templated-pipeline.json');
const app = 'spin-templates';
const id = 'newSpelTemplate';
const templated = { ...instance, application: app, name: 'Wait from template' };

test.describe('spin pipeline-template against Foresail', () => {
  let spinRef: Spin | undefined;
  const spin = new Proxy({} as Spin, { get: (_t, key: keyof Spin) => { if (!spinRef) throw new Error('spin did not start'); return spinRef[key]; } });
  test.beforeAll(async ({ foresail, adminToken, adminApi }) => {
    const res = await adminApi.post('/api/v1/applications', { data: { name: app, ownerEmail: 'templates@example.com' } });
    expect([201, 409]).toContain(res.status());
    spinRef = await spinFor(foresail.url, adminToken);
  });
  test.afterAll(() => spinRef?.dispose());

  test('save (create, update, tag), get, list, plan and delete', async ({ adminApi, page }) => {
    expect(await spin.ok('pipeline-template', 'save', '--file', spin.file('template.json', template))).toMatch(/Pipeline template save succeeded/);
    expect(JSON.parse(await spin.ok('pipeline-template', 'get', '--id', id))).toMatchObject({ id, schema: 'v2', variables: [{ name: 'timeToWait', defaultValue: 42 }] });

    // The first version becomes `stable`; the next save moves only `latest`.
    await spin.ok('pipeline-template', 'save', '--file', spin.file('template.json', template), '--tag', 'stable');
    const longer = { ...template, variables: [{ ...template.variables[0], defaultValue: 60 }] };
    await spin.ok('pipeline-templates', 'save', '--file', spin.file('template2.json', longer));
    expect(JSON.parse(await spin.ok('pipeline-template', 'get', '--id', id))).toMatchObject({ variables: [{ defaultValue: 60 }] });
    expect(JSON.parse(await spin.ok('pipeline-template', 'get', '--id', id, '--tag', 'stable'))).toMatchObject({ variables: [{ defaultValue: 42 }] });

    const listed = JSON.parse(await spin.ok('pipeline-template', 'list', '--scopes', 'global')) as { id: string }[];
    expect(listed.map((t) => t.id)).toContain(id);
    expect(JSON.parse(await spin.ok('pipeline-template', 'list', '--scopes', 'no-such-scope'))).toEqual([]);

    const planned = JSON.parse(await spin.ok('pipeline-template', 'plan', '--file', spin.file('templated.json', templated))) as Record<string, unknown>;
    expect(planned).toMatchObject({ application: app, name: 'Wait from template', stages: [{ type: 'wait', name: 'My Wait Stage', waitTime: 4 }], templateVariables: { timeToWait: 4 } });
    const missing = await spin.run('pipeline-template', 'plan', '--file', spin.file('bad.json', { ...templated, variables: { timeToWait: 'soon' } }));
    expect(missing.code).not.toBe(0);

    // A templated pipeline saved with spin runs the template's stages; the template stays while it is used.
    await spin.ok('pipeline', 'save', '--file', spin.file('pipeline.json', templated));
    const saved = JSON.parse(await spin.ok('pipeline', 'get', '--application', app, '--name', 'Wait from template')) as { id: string };
    const dependents = (await (await adminApi.get(`/api/gate/v2/pipelineTemplates/${id}/dependentPipelines`)).json()) as { id: string }[];
    expect(dependents.map((p) => p.id)).toEqual([saved.id]);
    expect((await spin.run('pipeline-template', 'delete', id)).code).not.toBe(0);

    // The editor shows where the pipeline comes from and what it runs; the variables change as JSON.
    await page.goto(`/applications/${app}/pipelines/${saved.id}`);
    const panel = page.getByLabel('Pipeline template');
    await expect(panel).toContainText(`spinnaker://${id}`);
    await expect(panel.getByRole('table', { name: 'Template variables' }).getByRole('row', { name: 'timeToWait 4' })).toBeVisible();
    await expect(panel.getByRole('region', { name: 'Resolved stages' })).toContainText('My Wait Stage');
    await page.getByRole('tab', { name: 'Edit as JSON / YAML' }).click();
    const text = page.getByLabel('Pipeline as JSON');
    const doc = JSON.parse(await text.inputValue()) as Record<string, unknown>;
    await text.fill(JSON.stringify({ ...doc, variables: { timeToWait: 7 } }, null, 2));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(panel.getByRole('table', { name: 'Template variables' }).getByRole('row', { name: 'timeToWait 7' })).toBeVisible();

    await spin.ok('pipeline', 'delete', '--application', app, '--name', 'Wait from template');
    expect(await spin.ok('pipeline-template', 'delete', id, '--tag', 'stable')).toMatch(new RegExp(`Pipeline template ${id} deleted`));
    expect((await spin.run('pipeline-template', 'get', '--id', id, '--tag', 'stable')).code).not.toBe(0);
    await spin.ok('pipeline-template', 'delete', id);
    expect((await spin.run('pipeline-template', 'get', '--id', id)).code).not.toBe(0);
  });
});
