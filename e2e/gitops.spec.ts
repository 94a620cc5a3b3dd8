import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { ensureKubeBinaries, kubeBinary } from '../lib/world/cluster/build';
import { ensureServices } from '../lib/world/services';
import { createApplicationViaApi, expect, test as base, uniqueName } from './support/fixtures';
import { startWorld, type World } from './support/world';

// A pipeline kept as a Kubernetes resource (README "GitOps"): applied to a real local cluster, synced by
// the worker of a real Foresail, and shown read-only in the editor with where it comes from.
const CLUSTER = process.env.E2E_GITOPS_CLUSTER ?? 'e2e-gitops';
const app = uniqueName('gitops');
const namespace = uniqueName('team');
let kubeconfig = { file: '', context: '' };

function kubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig.file);
  kc.setCurrentContext(kubeconfig.context);
  return kc;
}

/**
 * The shipped CRDs and policy, as an operator installs them: `kubectl apply --server-side -f
 * docs/gitops/foresail-crds.yaml`. (client-node's typed models would drop x-kubernetes-* keys.)
 */
async function installCrds(): Promise<void> {
  const kubectl = kubeBinary(await ensureKubeBinaries({ log: () => undefined }), 'kubectl');
  const file = path.join(import.meta.dirname, '..', 'docs', 'gitops', 'foresail-crds.yaml');
  const common = ['--kubeconfig', kubeconfig.file, '--context', kubeconfig.context];
  execFileSync(kubectl, ['apply', '--server-side', '--force-conflicts', '-f', file, ...common], { stdio: 'pipe' });
  execFileSync(kubectl, ['wait', '--for=condition=Established', '--timeout=60s', 'crd/pipelines.foresail.dev', 'crd/canaryconfigs.foresail.dev', ...common], { stdio: 'pipe' });
  await kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
}

const test = base.extend<object, { world: World }>({
  world: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring argument
    async ({}, use) => {
      const services = await ensureServices({ clusters: [CLUSTER] }, () => undefined);
      const info = services.clusters[CLUSTER];
      if (!info) throw new Error(`cluster ${CLUSTER} did not start`);
      kubeconfig = { file: info.kubeconfigPath, context: info.adminContext };
      await installCrds();
      const account = {
        name: 'local',
        kubeconfigFile: info.kubeconfigPath,
        context: info.adminContext,
        permissions: { READ: ['developers'], WRITE: ['developers'] },
        pipelineSync: { bindings: [{ namespace, applications: [app] }] },
      };
      const world = await startWorld({ extraConfig: { kubernetes: { accounts: [account] } } });
      await use(world);
      await world.stop(); // also stops the cluster this worker started
    },
    { scope: 'worker', timeout: 300_000 },
  ],
});

test.describe('GitOps', () => {
  test('a Pipeline resource becomes a read-only pipeline saying where it comes from', async ({ page, adminApi }) => {
    test.setTimeout(180_000);
    await createApplicationViaApi(adminApi, app);
    const stages = [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Soak', waitTime: 30 }];
    await kubeConfig()
      .makeApiClient(CustomObjectsApi)
      .createNamespacedCustomObject({ group: 'foresail.dev', version: 'v1alpha1', namespace, plural: 'pipelines', body: { apiVersion: 'foresail.dev/v1alpha1', kind: 'Pipeline', metadata: { name: 'build' }, spec: { application: app, name: 'Build', stages } } });

    await expect(async () => {
      await page.goto(`/applications/${app}/pipelines`);
      await expect(page.getByRole('link', { name: 'Build', exact: true })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Build', exact: true }).click();
    await expect(page.locator('[data-editor-ready]')).toBeAttached();
    await expect(page.getByText(`Managed by Kubernetes: ${namespace}/build`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Copy as CR YAML' })).toBeVisible();
    // Read-only: the text view only shows, and there is nothing to save.
    await expect(page.getByRole('tab', { name: 'Show JSON / YAML' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  });
});
