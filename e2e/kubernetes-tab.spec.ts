import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { APIRequestContext } from '@playwright/test';
import { ensureServices } from '../lib/world/services';
import { createApplicationViaApi, expect, test as base, uniqueName } from './support/fixtures';
import { createPipelineViaApi } from './support/pipeline-editor';
import { startWorld, type World } from './support/world';

// A Foresail with one Kubernetes account on a real local cluster (lib/world/cluster; kwok runs the pods).
const CLUSTER = 'e2e-kube-tab';

const test = base.extend<object, { world: World; kubeconfig: { path: string; context: string } }>({
  world: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring argument
    async ({}, use) => {
      const services = await ensureServices({ clusters: [CLUSTER] }, () => undefined);
      const info = services.clusters[CLUSTER];
      if (!info) throw new Error(`cluster ${CLUSTER} did not start`);
      process.env.E2E_KUBE_TAB_KUBECONFIG = info.kubeconfigPath;
      process.env.E2E_KUBE_TAB_CONTEXT = info.adminContext;
      const account = { name: 'local', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['developers'], WRITE: ['developers'] } };
      const world = await startWorld({ extraConfig: { kubernetes: { accounts: [account] } } });
      await use(world);
      await world.stop(); // also stops the cluster this worker started
    },
    { scope: 'worker', timeout: 300_000 },
  ],
});

const permissions = { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] };
const deployment = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image }] } } },
});

async function createNamespace(name: string): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.E2E_KUBE_TAB_KUBECONFIG ?? '');
  kc.setCurrentContext(process.env.E2E_KUBE_TAB_CONTEXT ?? '');
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
}

async function runToEnd(api: APIRequestContext, app: string, pipelineId: string): Promise<string> {
  const res = await api.post(`/api/v1/applications/${app}/pipelines/${pipelineId}/executions`, { data: { parameters: {} } });
  expect(res.status(), await res.text()).toBe(202);
  const id = ((await res.json()) as { id: string }).id;
  await expect.poll(async () => ((await (await api.get(`/api/v1/executions/${id}`)).json()) as { status: string }).status, { timeout: 90_000 }).toBe('SUCCEEDED');
  return id;
}

test.describe('Kubernetes views', () => {
  test('the Kubernetes tab shows live status, the diff and the YAML; Infrastructure shows the workload and its pods', async ({ page, adminApi }) => {
    test.setTimeout(240_000);
    const app = uniqueName('kube');
    const ns = uniqueName('ns');
    await createNamespace(ns);
    await createApplicationViaApi(adminApi, app, { permissions });
    const stage = (image: string) => ({ refId: '1', requisiteStageRefIds: [], name: 'Deploy', type: 'deployManifest', account: 'local', cloudProvider: 'kubernetes', source: 'text', namespaceOverride: ns, manifests: [deployment(image)] });
    const v1 = await createPipelineViaApi(adminApi, app, { name: 'Deploy v1', stages: [stage('registry.example/web:1.0')] });
    const v2 = await createPipelineViaApi(adminApi, app, { name: 'Deploy v2', stages: [stage('registry.example/web:2.0')] });
    await runToEnd(adminApi, app, v1.id);
    const id = await runToEnd(adminApi, app, v2.id);

    await page.goto(`/applications/${app}/executions/${id}`);
    await expect(page.locator('html[data-execution-ready]')).toBeAttached();
    await page.getByRole('group', { name: /^Stage graph/ }).getByRole('button', { name: /^Deploy,/ }).click();
    const details = page.getByRole('region', { name: 'Stage Deploy' });
    await details.getByRole('tab', { name: 'Kubernetes' }).click();
    const row = details.getByRole('row', { name: new RegExp(`Deployment web ${ns} local`) });
    await expect(row.getByText('Ready', { exact: true })).toBeVisible();
    await expect(details.getByRole('list', { name: 'Events of Deployment web' })).toContainText('ScalingReplicaSet');
    const changes = details.getByRole('region', { name: `Changes to Deployment web in ${ns}` });
    await expect(changes).toContainText('spec.template.spec.containers[0].image');
    await expect(changes.getByRole('deletion')).toHaveText('registry.example/web:1.0');
    await expect(changes.getByRole('insertion')).toHaveText('registry.example/web:2.0');
    await expect(details.getByLabel('Applied manifests')).toContainText('image: registry.example/web:2.0');
    await details.getByRole('button', { name: 'Refresh' }).click();
    await expect(row.getByText('Ready', { exact: true })).toBeVisible();

    await page.getByRole('navigation', { name: `Application ${app}` }).getByRole('link', { name: 'Infrastructure' }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${app}/infrastructure$`));
    const account = page.getByRole('region', { name: 'Account local' });
    const web = account.getByRole('article', { name: 'Deployment web' });
    await expect(web).toContainText('Images: registry.example/web:2.0');
    await expect(web.getByRole('list', { name: 'ReplicaSets of web' }).getByRole('listitem')).toHaveCount(2);
    const pods = web.getByRole('table', { name: 'Pods of web' });
    await expect(pods).toContainText('registry.example/web:2.0');
    await expect(pods).toContainText('Running');
  });
});
