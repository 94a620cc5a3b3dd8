import { CoreV1Api, KubeConfig, VersionApi } from '@kubernetes/client-node';
import type { ClusterInfo } from '../lib/world/cluster/cluster';
import { ensureServices } from '../lib/world/services';
import { createApplicationViaApi, expect, test as base, uniqueName } from './support/fixtures';
import { createPipelineViaApi, openEditor, selectStage } from './support/pipeline-editor';
import { startWorld, type World } from './support/world';

// A world whose Foresail has one Kubernetes account on a real local cluster (lib/world/cluster).
const CLUSTER = 'e2e-accounts';
let cluster: ClusterInfo;

const test = base.extend<object, { world: World }>({
  world: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring argument
    async ({}, use) => {
      const services = await ensureServices({ clusters: [CLUSTER] }, () => undefined);
      const info = services.clusters[CLUSTER];
      if (!info) throw new Error(`cluster ${CLUSTER} did not start`);
      cluster = info;
      const account = { name: 'local', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['developers'], WRITE: ['developers'] } };
      const world = await startWorld({ extraConfig: { kubernetes: { accounts: [account] } } });
      await use(world);
      await world.stop(); // also stops the cluster this worker started
    },
    { scope: 'worker', timeout: 300_000 },
  ],
});

function adminKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  kc.setCurrentContext(cluster.adminContext);
  return kc;
}

const deployment = (name: string, container: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - ${container}
`;

test.describe('Kubernetes accounts in Settings and the editor', () => {
  test('Settings → Accounts shows the local cluster reachable with its version', async ({ page }) => {
    await page.goto('/settings');
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Accounts' }).click();
    await expect(page).toHaveURL(/\/settings\/accounts$/);
    const row = page.getByRole('row', { name: /^local/ });
    await expect(row.getByText('Reachable')).toBeVisible();
    const { gitVersion } = await adminKubeConfig().makeApiClient(VersionApi).getCode();
    await expect(row.getByRole('cell').nth(1)).toHaveText(gitVersion);
    await expect(row).toContainText('developers');
  });

  test('picks account and namespace, dry-runs an invalid manifest (field path) and a fixed one (ok + diff)', async ({ page, adminApi }) => {
    test.setTimeout(120_000);
    const app = uniqueName('k8sedit');
    await createApplicationViaApi(adminApi, app);
    // Written for another Foresail: its account is not configured here.
    const stage = { refId: '1', requisiteStageRefIds: [], type: 'deployManifest', name: 'Deploy', account: 'elsewhere', cloudProvider: 'kubernetes', source: 'text', manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'placeholder' } }] };
    const { id } = await createPipelineViaApi(adminApi, app, { name: 'Deploy it', stages: [stage] });

    // A live ConfigMap, so the dry run has something to diff against.
    const kc = adminKubeConfig();
    const cm = uniqueName('cm');
    await kc.makeApiClient(CoreV1Api).createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: cm }, data: { colour: 'blue' } } });

    await openEditor(page, app, id);
    await selectStage(page, 'Deploy');
    const account = page.getByLabel('Account', { exact: true });
    await expect(account).toHaveValue('elsewhere');
    await expect(page.getByText('Account “elsewhere” is not configured in this Foresail')).toBeVisible();
    await expect(page.locator('datalist option[value="local"]')).toBeAttached();
    await account.fill('local');
    await expect(page.getByText(/^Reachable, Kubernetes v/)).toBeVisible();
    await expect(page.locator('datalist option[value="default"]')).toBeAttached();
    await page.getByLabel('Namespace override').fill('default');

    const name = uniqueName('web');
    const manifests = page.getByLabel('Manifests', { exact: true });
    await manifests.fill(deployment(name, 'name: app'));
    await page.getByRole('button', { name: 'Dry-run against cluster' }).click();
    const verdicts = page.getByRole('list', { name: 'Dry-run verdicts' });
    await expect(verdicts.locator(':scope > li').first()).toContainText('Invalid');
    await expect(verdicts).toContainText(`Deployment ${name} in default`);
    await expect(verdicts).toContainText('spec.template.spec.containers[0].image');

    const fixed = (data: string) => `${deployment(name, '{ name: app, image: registry.example/web:2 }')}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${cm}
data: ${data}
`;
    const items = verdicts.locator(':scope > li');
    // Another field manager (the client that created it) owns data.colour: server-side apply says so.
    await manifests.fill(fixed('{ colour: green }'));
    await page.getByRole('button', { name: 'Dry-run against cluster' }).click();
    await expect(items.nth(1)).toContainText(/Conflict.*\.data\.colour: conflict with "kubernetes-client-javascript"/);

    // Same colour, one new key: ok, with the diff against the live object.
    await manifests.fill(fixed('{ colour: blue, size: large }'));
    await page.getByRole('button', { name: 'Dry-run against cluster' }).click();
    await expect(items).toHaveCount(2);
    await expect(items.first()).toContainText(/OK.*would be created/);
    await expect(items.nth(1)).toContainText(/OK.*would change/);
    const diff = page.getByRole('table', { name: `Changes to ConfigMap ${cm} in default` });
    await expect(diff.getByRole('row', { name: 'data.size — large' })).toBeVisible();
    // Nothing was stored by the dry run.
    const live = await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ namespace: 'default', name: cm });
    expect(live.data).toEqual({ colour: 'blue' });
  });
});
