import { AppsV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterClientFor, type ClusterClient } from './client';
import { isKubernetesFailure, KubernetesFailure } from './errors';
import { readinessOf } from './readiness';
import { deploymentManifest, eventually, testAccounts, uniqueName, unreachableAccount } from './testing';

// Against the real local control plane (lib/world/cluster) the integration project starts.
let accounts: ReturnType<typeof testAccounts>;
let admin: ClusterClient;
let ns: string;

async function failureOf(call: () => Promise<unknown>): Promise<KubernetesFailure> {
  try {
    await call();
  } catch (err) {
    if (err instanceof KubernetesFailure) return err;
    throw err;
  }
  throw new Error('expected a KubernetesFailure');
}

beforeAll(async () => {
  accounts = testAccounts();
  admin = clusterClientFor(accounts.admin);
  ns = uniqueName('kc');
  await admin.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  // New namespaces get their default ServiceAccount asynchronously; pods cannot be created before it.
  await eventually(() => admin.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

describe('ClusterClient against a real apiserver', () => {
  it('caches one client per account and reads the server version', async () => {
    expect(clusterClientFor(accounts.admin)).toBe(admin);
    expect(await admin.version()).toMatch(/^v\d+\.\d+/);
  });

  it('server-side applies a Deployment, Service and ConfigMap that become Current; re-applying is a no-op', async () => {
    const name = uniqueName('web');
    const manifests = [
      deploymentManifest(name, 'registry.example/web:1', { replicas: 2 }),
      { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } },
    ];
    const applied = await admin.apply(manifests, { namespace: ns });
    expect(applied.map((o) => [o.kind, o.metadata?.namespace])).toEqual([['Deployment', ns], ['Service', ns], ['ConfigMap', ns]]);
    const managers = (applied[0]?.metadata?.managedFields as { manager: string; operation: string }[]).map((m) => `${m.manager}/${m.operation}`);
    expect(managers).toContain('foresail/Apply');
    for (const obj of applied) {
      const ready = await eventually(async () => {
        const live = await admin.get({ apiVersion: String(obj.apiVersion), kind: String(obj.kind), name, namespace: ns });
        return readinessOf(live).status === 'Current' ? live : undefined;
      }, 30_000, `${obj.kind} ready`);
      expect(ready.metadata?.name).toBe(name);
    }
    const again = await admin.apply(manifests, { namespace: ns });
    expect(again[0]?.metadata?.generation).toBe(applied[0]?.metadata?.generation);
    const events = await admin.events({ apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: ns });
    expect(events.map((e) => e.reason)).toContain('ScalingReplicaSet');
    const listed = await admin.list({ kind: 'deployment' }, { namespace: ns, labelSelector: `app=${name}` });
    expect(listed.map((d) => [d.kind, d.metadata?.name])).toEqual([['Deployment', name]]);
  });

  it('dry-runs on the server: defaults come back, nothing is stored', async () => {
    const name = uniqueName('dry');
    const [result] = await admin.apply([deploymentManifest(name, 'registry.example/web:1')], { namespace: ns, dryRun: true });
    const spec = result?.spec as { strategy?: { type?: string } };
    expect(spec.strategy?.type).toBe('RollingUpdate');
    expect(await admin.find({ kind: 'deployment', name, namespace: ns })).toBeUndefined();
  });

  it('resolves kinds by name, short name and group through discovery, CRDs included, and finds a CRD added later', async () => {
    expect((await admin.discovery.forName('deploy')).apiVersion).toBe('apps/v1');
    expect((await admin.discovery.forName('virtualservice.networking.istio.io')).apiVersion).toBe('networking.istio.io/v1');
    expect((await admin.discovery.forName('tr')).kind).toBe('TaskRun');
    const group = `${uniqueName('g')}.foresail.test`;
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `gadgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    await admin.apply([crd]);
    await eventually(async () => {
      const live = await admin.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `gadgets.${group}` });
      return readinessOf(live).status === 'Current' && (live.status as { conditions?: { type: string; status: string }[] }).conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? live : undefined;
    }, 30_000, 'CRD established');
    // Established can precede the discovery document by a moment.
    const applied = await eventually(async () => {
      try {
        return await admin.apply([{ apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'g1' }, spec: { size: 3 } }], { namespace: ns });
      } catch (err) {
        if (isKubernetesFailure(err, 'not_found')) return undefined;
        throw err;
      }
    }, 20_000, 'Gadget applied');
    expect(applied[0]?.kind).toBe('Gadget');
    await admin.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: `gadgets.${group}` });
  });

  it('patches with strategic merge, JSON merge and JSON patch', async () => {
    const name = uniqueName('patch');
    await admin.apply([deploymentManifest(name, 'registry.example/web:1', { replicas: 1 })], { namespace: ns });
    const ref = { kind: 'deployment', name, namespace: ns };
    // Strategic: containers merge by name, so only the image changes and the container list keeps one entry.
    const strategic = await admin.patch(ref, { spec: { template: { spec: { containers: [{ name: 'app', image: 'registry.example/web:2' }] } } } }, 'strategic');
    const containers = (s: typeof strategic) => (s.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;
    expect(containers(strategic)).toEqual([expect.objectContaining({ name: 'app', image: 'registry.example/web:2' })]);
    const merged = await admin.patch(ref, { metadata: { labels: { tier: 'front' } } }, 'merge');
    expect(merged.metadata?.labels).toEqual({ app: name, tier: 'front' });
    const json = await admin.patch(ref, [{ op: 'replace', path: '/spec/replicas', value: 3 }], 'json');
    expect((json.spec as { replicas: number }).replicas).toBe(3);
    const invalid = await failureOf(() => admin.patch(ref, [{ op: 'test', path: '/spec/replicas', value: 99 }], 'json'));
    expect(invalid.kind).toBe('invalid');
  });

  it('explains an SSA conflict naming the other manager and the field; force takes ownership', async () => {
    const name = uniqueName('ssa');
    await admin.apply([deploymentManifest(name, 'registry.example/web:1', { replicas: 1 })], { namespace: ns });
    const kc = new KubeConfig();
    kc.loadFromFile(accounts.info.kubeconfigPath);
    kc.setCurrentContext(accounts.info.adminContext);
    await kc.makeApiClient(AppsV1Api).patchNamespacedDeployment({ name, namespace: ns, body: { spec: { replicas: 4 } }, fieldManager: 'kubectl-edit' }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    const conflict = await failureOf(() => admin.apply([deploymentManifest(name, 'registry.example/web:1', { replicas: 2 })], { namespace: ns }));
    expect(conflict.kind).toBe('conflict');
    expect(conflict.message).toContain('kubectl-edit');
    expect(conflict.message).toContain('.spec.replicas');
    expect(conflict.message).toContain(`Deployment ${name} in ${ns}`);
    const [forced] = await admin.apply([deploymentManifest(name, 'registry.example/web:1', { replicas: 2 })], { namespace: ns, force: true });
    expect((forced?.spec as { replicas: number }).replicas).toBe(2);
  });

  it('refuses an invalid manifest with the field path the apiserver names', async () => {
    const bad = deploymentManifest(uniqueName('bad'), '', { replicas: 1 });
    const failure = await failureOf(() => admin.apply([bad], { namespace: ns }));
    expect(failure.kind).toBe('invalid');
    expect(failure.causes.map((c) => c.field)).toContain('spec.template.spec.containers[0].image');
    expect(failure.message).toContain('spec.template.spec.containers[0].image');
    const unknownField = { ...deploymentManifest(uniqueName('bad'), 'x:1'), spek: {} };
    const strict = await failureOf(() => admin.apply([unknownField], { namespace: ns }));
    expect(strict.kind).toBe('invalid');
    expect(strict.message).toContain('spek');
  });

  it('reports the restricted identity as forbidden outside its namespace, in words, without credentials', async () => {
    const restricted = clusterClientFor(accounts.restricted);
    const failure = await failureOf(() => restricted.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} }], { namespace: ns }));
    expect(failure.kind).toBe('forbidden');
    expect(failure.message).toMatch(new RegExp(`^Forbidden applying ConfigMap x in ${ns} on account ${accounts.restricted.name}: the account's credentials may not do this`));
    expect(failure.message).not.toMatch(/Bearer|Authorization|eyJ|HTTP-Code|Headers/);
    const inside = await restricted.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: uniqueName('ok') }, data: {} }], { namespace: accounts.restrictedNamespace });
    expect(inside[0]?.metadata?.namespace).toBe(accounts.restrictedNamespace);
  });

  it('enforces the account namespace allow-list before any request', async () => {
    const limited = clusterClientFor({ ...accounts.admin, name: 'limited', namespaces: [ns] });
    const failure = await failureOf(() => limited.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data: {} }]));
    expect(failure).toMatchObject({ kind: 'namespace_not_allowed', message: `Account limited may not touch namespace default (allowed: ${ns})` });
    expect((await failureOf(() => limited.list({ kind: 'namespace' }))).kind).toBe('namespace_not_allowed');
    expect(await limited.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: uniqueName('in') }, data: {} }], { namespace: ns })).toHaveLength(1);
  });

  it('not found, already-gone deletes and an unreachable cluster are typed failures', async () => {
    const missing = await failureOf(() => admin.get({ kind: 'configmap', name: 'nope', namespace: ns }));
    expect(missing).toMatchObject({ kind: 'not_found', status: 404 });
    expect(await admin.delete({ kind: 'configmap', name: 'nope', namespace: ns })).toBe('gone');
    const unknownKind = await failureOf(() => admin.get({ kind: 'flux-capacitor', name: 'x', namespace: ns }));
    expect(unknownKind.message).toBe(`The cluster of account ${accounts.admin.name} does not serve a kind named "flux-capacitor"`);
    const down = clusterClientFor(await unreachableAccount(accounts.admin));
    const failure = await failureOf(() => down.version());
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toMatch(/^Cannot reach the cluster reading the server version on account .*-unreachable \(ECONNREFUSED\)$/);
  });

  it('keeps accounts on two clusters apart (the second of FORESAIL_TEST_CLUSTERS, it-b by default)', async () => {
    const other = testAccounts(process.env.FORESAIL_TEST_CLUSTERS?.split(',')[1]?.trim() || 'it-b');
    const b = clusterClientFor(other.admin);
    expect(b).not.toBe(admin);
    const name = uniqueName('two');
    await admin.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { cluster: 'a' } }], { namespace: 'default' });
    expect(await b.find({ kind: 'configmap', name, namespace: 'default' })).toBeUndefined();
    await b.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { cluster: 'b' } }], { namespace: 'default' });
    expect((await admin.get({ kind: 'configmap', name, namespace: 'default' })).data).toEqual({ cluster: 'a' });
    expect((await b.get({ kind: 'configmap', name, namespace: 'default' })).data).toEqual({ cluster: 'b' });
  });
});
