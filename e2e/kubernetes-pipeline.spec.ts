import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import type { Page } from '@playwright/test';
import { ensureServices } from '../lib/world/services';
import { createApplicationViaApi, expect, test as base, uniqueName } from './support/fixtures';
import { createPipelineViaApi } from './support/pipeline-editor';
import { startWorld, type World } from './support/world';

// A whole Kubernetes delivery started from the browser: deploy (Deployment + Service) → traffic split on an
// Istio VirtualService → scale → delete, on a real local cluster (lib/world/cluster; kwok runs the pods).
const CLUSTER = 'e2e-kube-pipeline';

const test = base.extend<object, { world: World }>({
  world: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring argument
    async ({}, use) => {
      const services = await ensureServices({ clusters: [CLUSTER] }, () => undefined);
      const info = services.clusters[CLUSTER];
      if (!info) throw new Error(`cluster ${CLUSTER} did not start`);
      process.env.E2E_KUBE_PIPELINE_KUBECONFIG = info.kubeconfigPath;
      process.env.E2E_KUBE_PIPELINE_CONTEXT = info.adminContext;
      const account = { name: 'local', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['developers'], WRITE: ['developers'] } };
      const world = await startWorld({ extraConfig: { kubernetes: { accounts: [account] } } });
      await use(world);
      await world.stop(); // also stops the cluster this worker started
    },
    { scope: 'worker', timeout: 300_000 },
  ],
});

function kubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(process.env.E2E_KUBE_PIPELINE_KUBECONFIG ?? '');
  kc.setCurrentContext(process.env.E2E_KUBE_PIPELINE_CONTEXT ?? '');
  return kc;
}

// Server-side apply would otherwise refuse fields another manager (the hand-made v1) owns.
const takeOver = { 'strategy.spinnaker.io/server-side-apply': 'force-conflicts' };
const permissions = { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] };
const labels = { app: 'web' };
const deployment = (image: string, annotations?: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels, ...(annotations ? { annotations } : {}) },
  spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image }] } } },
});
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] } };
const virtualService = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'web' },
  spec: {
    hosts: ['web'],
    http: [{ name: 'main', route: [{ destination: { host: 'web', subset: 'stable' }, weight: 100 }, { destination: { host: 'web', subset: 'canary' }, weight: 0 }] }],
  },
};

/**
 * The namespace as the test starts it: the VirtualService with its subsets (a mesh's job, not the
 * pipeline's), and v1 of the Deployment already live — made by hand, so the pipeline's manifest takes
 * its fields over (force-conflicts) — so the deploy stage has a change to show.
 */
async function prepareNamespace(ns: string): Promise<void> {
  const kc = kubeConfig();
  await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: ns } } });
  await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({ group: 'networking.istio.io', version: 'v1', namespace: ns, plural: 'virtualservices', body: virtualService });
  await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({ namespace: ns, body: deployment('registry.example/web:1.0') });
}

const stageButton = (page: Page, name: string) => page.getByRole('group', { name: /^Stage graph/ }).getByRole('button', { name: new RegExp(`^${name},`) });

async function openKubernetesTab(page: Page, stage: string) {
  await stageButton(page, stage).click();
  const details = page.getByRole('region', { name: `Stage ${stage}` });
  await details.getByRole('tab', { name: 'Kubernetes' }).click();
  return details;
}

test.describe('Kubernetes pipeline from the browser', () => {
  test('deploy → traffic split → scale → delete, started from the Start dialog; each stage’s Kubernetes tab tells what it did', async ({ page, adminApi }) => {
    test.setTimeout(240_000);
    const app = uniqueName('kpipe');
    const ns = uniqueName('ns');
    await prepareNamespace(ns);
    await createApplicationViaApi(adminApi, app, { permissions });
    const kube = { account: 'local', cloudProvider: 'kubernetes' };
    await createPipelineViaApi(adminApi, app, {
      name: 'Release web',
      stages: [
        { refId: '1', requisiteStageRefIds: [], name: 'Deploy', type: 'deployManifest', ...kube, source: 'text', namespaceOverride: ns, manifests: [deployment('registry.example/web:2.0', takeOver), service] },
        { refId: '2', requisiteStageRefIds: ['1'], name: 'Shift traffic', type: 'trafficSplit', ...kube, namespace: ns, router: { kind: 'VirtualService', name: 'web', route: 'main' }, weights: [{ destination: 'stable', weight: 80 }, { destination: 'canary', weight: 20 }] },
        { refId: '3', requisiteStageRefIds: ['2'], name: 'Scale', type: 'scaleManifest', ...kube, location: ns, manifestName: 'deployment web', mode: 'static', replicas: 3 },
        { refId: '4', requisiteStageRefIds: ['3'], name: 'Delete', type: 'deleteManifest', ...kube, location: ns, manifestName: 'deployment web', mode: 'static', options: { cascading: true } },
      ],
    });

    await page.goto(`/applications/${app}/executions`);
    await page.getByRole('button', { name: 'Start Release web' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start Release web' });
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${app}/executions/[0-9A-Z]{26}$`));
    await expect(page.locator('html[data-execution-ready]')).toBeAttached();
    for (const stage of ['Deploy', 'Shift traffic', 'Scale', 'Delete']) await expect(stageButton(page, stage)).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 90_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Release web' }).locator('xpath=following-sibling::*[1]')).toHaveText('Succeeded');

    // Deploy: both objects, the Deployment now gone (the Delete stage) but its events kept; the diff against v1.
    const deploy = await openKubernetesTab(page, 'Deploy');
    const deploymentRow = deploy.getByRole('row', { name: new RegExp(`Deployment web ${ns} local`) });
    await expect(deploymentRow).toContainText('Does not exist now');
    await expect(deploy.getByRole('row', { name: new RegExp(`Service web ${ns} local`) })).toBeVisible();
    await expect(deploy.getByRole('list', { name: 'Events of Deployment web' })).toContainText('ScalingReplicaSet');
    const changes = deploy.getByRole('region', { name: `Changes to Deployment web in ${ns}` });
    await expect(changes).toContainText('spec.template.spec.containers[0].image');
    await expect(changes.getByRole('listitem').filter({ hasText: 'spec.template.spec.containers[0].image' }).getByRole('deletion')).toHaveText('registry.example/web:1.0');
    await expect(changes.getByRole('listitem').filter({ hasText: 'spec.template.spec.containers[0].image' }).getByRole('insertion')).toHaveText('registry.example/web:2.0');
    await expect(deploy.getByRole('region', { name: `Changes to Service web in ${ns}` })).toContainText('Created by this stage');

    // Traffic: the weights before and after, per subset.
    const traffic = await openKubernetesTab(page, 'Shift traffic');
    const weights = traffic.getByRole('table', { name: 'Traffic weights' });
    await expect(weights.getByRole('row', { name: 'stable 100% 80%' })).toBeVisible();
    await expect(weights.getByRole('row', { name: 'canary 0% 20%' })).toBeVisible();
    await expect(traffic.getByRole('row', { name: new RegExp(`VirtualService web ${ns} local`) })).toBeVisible();

    // The cluster as the pipeline left it, read with the Kubernetes API.
    const kc = kubeConfig();
    const apps = kc.makeApiClient(AppsV1Api);
    await expect.poll(async () => (await apps.listNamespacedDeployment({ namespace: ns })).items.map((d) => d.metadata?.name)).toEqual([]);
    const vs = (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: 'networking.istio.io', version: 'v1', namespace: ns, plural: 'virtualservices', name: 'web' })) as typeof virtualService;
    expect(vs.spec.http[0]?.route.map((r) => [r.destination.subset, r.weight])).toEqual([
      ['stable', 80],
      ['canary', 20],
    ]);
    expect((await kc.makeApiClient(CoreV1Api).readNamespacedService({ namespace: ns, name: 'web' })).metadata?.name).toBe('web');
  });
});
