import {
  ApiException,
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isClusterRunning, startCluster, stopCluster, type ClusterInfo } from './cluster.ts';
import { testClusterNames } from '../services.ts';
import { pollUntil } from './poll.ts';
import { deployment, failAnnotation, job, neverReadyAnnotation, uniqueName } from '@/e2e/fixtures/test-workloads.ts';

// Integration tests against two real local control planes (etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler) whose nodes and pods are simulated by kwok.
// The run's test clusters (FORESAIL_TEST_CLUSTERS, default it-a,it-b), so parallel runs on one machine keep apart.
const [nameA = 'it-a', nameB = 'it-b'] = testClusterNames();
const clusterNames = [nameA, nameB] as const;
const startedHere: string[] = [];
let a: ClusterInfo;
let b: ClusterInfo;

function kubeConfig(info: ClusterInfo, context = info.adminContext): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(info.kubeconfigPath);
  kc.setCurrentContext(context);
  return kc;
}

async function createNamespace(info: ClusterInfo, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await kubeConfig(info).makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
  return name;
}

async function statusCodeOf(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
    return 200;
  } catch (err) {
    if (err instanceof ApiException) return err.code;
    throw err;
  }
}

function isRolledOut(d: V1Deployment, replicas: number): boolean {
  const s = d.status;
  return (
    (s?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
    s?.updatedReplicas === replicas &&
    s.availableReplicas === replicas &&
    s.readyReplicas === replicas &&
    (s.replicas ?? 0) === replicas
  );
}

beforeAll(async () => {
  for (const name of clusterNames) if (!(await isClusterRunning(name))) startedHere.push(name);
  [a, b] = await Promise.all([startCluster({ name: clusterNames[0] }), startCluster({ name: clusterNames[1] })]);
}, 900_000);

afterAll(async () => {
  // Clusters someone else started (e.g. a global setup) stay up for them.
  for (const name of startedHere) await stopCluster(name);
}, 120_000);

describe('local Kubernetes test cluster', () => {
  it('lists the kwok nodes, all Ready', async () => {
    const nodes = await kubeConfig(a).makeApiClient(CoreV1Api).listNode();
    const ready = nodes.items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    expect(ready.map((n) => n.metadata?.name).sort()).toEqual(['kwok-node-0', 'kwok-node-1', 'kwok-node-2']);
  });

  it('rolls a Deployment out, and rolls it out again after an image change', async () => {
    const namespace = await createNamespace(a, 'rollout');
    const apps = kubeConfig(a).makeApiClient(AppsV1Api);
    const core = kubeConfig(a).makeApiClient(CoreV1Api);
    await apps.createNamespacedDeployment({ namespace, body: deployment('web', { replicas: 3, image: 'registry.example/web:1.0' }) });
    const first = await pollUntil('rollout of web:1.0', async () => {
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace });
      return isRolledOut(d, 3) ? d : undefined;
    }, { timeoutMs: 60_000 });
    expect(first.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');

    await apps.patchNamespacedDeployment(
      { name: 'web', namespace, body: { spec: { template: { spec: { containers: [{ name: 'app', image: 'registry.example/web:2.0' }] } } } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    await pollUntil('rollout of web:2.0, old pods deleted', async () => {
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace });
      const pods = await core.listNamespacedPod({ namespace, labelSelector: 'app=web' });
      const images = pods.items.map((p) => p.spec?.containers[0]?.image);
      return isRolledOut(d, 3) && images.length === 3 && images.every((i) => i === 'registry.example/web:2.0') ? true : undefined;
    }, { timeoutMs: 90_000 });

    // Namespace controller, garbage collector and kwok together: deleting the namespace removes it and its pods.
    await core.deleteNamespace({ name: namespace });
    await pollUntil(`namespace ${namespace} to be gone`, async () => {
      return (await statusCodeOf(() => core.readNamespace({ name: namespace }))) === 404 ? true : undefined;
    }, { timeoutMs: 90_000, intervalMs: 500 });
  });

  it('reports ProgressDeadlineExceeded for pods marked never-ready (annotation or image tag)', async () => {
    const namespace = await createNamespace(a, 'stuck');
    const apps = kubeConfig(a).makeApiClient(AppsV1Api);
    const stuck = {
      'by-annotation': deployment('by-annotation', {
        replicas: 1,
        image: 'registry.example/stuck:1.0',
        annotations: { [neverReadyAnnotation]: 'true' },
        progressDeadlineSeconds: 10,
      }),
      'by-tag': deployment('by-tag', { replicas: 1, image: 'registry.example/stuck:never-ready', progressDeadlineSeconds: 10 }),
    };
    for (const body of Object.values(stuck)) await apps.createNamespacedDeployment({ namespace, body });
    const progressing = await Promise.all(
      Object.keys(stuck).map((name) =>
        pollUntil(`Progressing=False for ${name}`, async () => {
          const d = await apps.readNamespacedDeployment({ name, namespace });
          const c = d.status?.conditions?.find((x) => x.type === 'Progressing');
          return c?.status === 'False' ? c : undefined;
        }, { timeoutMs: 90_000, intervalMs: 1_000 }),
      ),
    );
    expect(progressing.map((c) => c.reason)).toEqual(['ProgressDeadlineExceeded', 'ProgressDeadlineExceeded']);

    const pods = await kubeConfig(a).makeApiClient(CoreV1Api).listNamespacedPod({ namespace });
    expect(pods.items.map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
    for (const pod of pods.items) expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
  });

  it('completes a Job, and fails Jobs whose pods are marked to fail (annotation or image tag)', async () => {
    const namespace = await createNamespace(a, 'jobs');
    const batch = kubeConfig(a).makeApiClient(BatchV1Api);
    await batch.createNamespacedJob({ namespace, body: job('ok') });
    await batch.createNamespacedJob({ namespace, body: job('broken', { annotations: { [failAnnotation]: 'true' } }) });
    await batch.createNamespacedJob({ namespace, body: job('broken-tag', { image: 'registry.example/task:fail' }) });
    const conditionOf = (name: string, type: string) =>
      pollUntil(`Job ${name} condition ${type}`, async () => {
        const j = await batch.readNamespacedJob({ name, namespace });
        return j.status?.conditions?.find((c) => c.type === type && c.status === 'True') ? j : undefined;
      }, { timeoutMs: 60_000, intervalMs: 500 });
    const [ok, ...broken] = await Promise.all([
      conditionOf('ok', 'Complete'),
      conditionOf('broken', 'Failed'),
      conditionOf('broken-tag', 'Failed'),
    ]);
    expect(ok.status?.succeeded).toBe(1);
    for (const j of broken) {
      expect(j.status?.failed).toBe(1);
      expect(j.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded');
    }
  });

  it('serves Istio and Gateway API CRDs: create and merge-patch a VirtualService and an HTTPRoute', async () => {
    const namespace = await createNamespace(a, 'traffic');
    const custom = kubeConfig(a).makeApiClient(CustomObjectsApi);
    const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const route = (weights: [number, number]) => [
      { destination: { host: 'web', subset: 'stable' }, weight: weights[0] },
      { destination: { host: 'web', subset: 'canary' }, weight: weights[1] },
    ];
    const vs = { group: 'networking.istio.io', version: 'v1', namespace, plural: 'virtualservices' };
    await custom.createNamespacedCustomObject({
      ...vs,
      body: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'web' }, spec: { hosts: ['web'], http: [{ route: route([100, 0]) }] } },
    });
    await custom.patchNamespacedCustomObject({ ...vs, name: 'web', body: { spec: { http: [{ route: route([90, 10]) }] } } }, mergePatch);
    const vsSchema = z.object({ spec: z.object({ hosts: z.array(z.string()), http: z.array(z.object({ route: z.array(z.object({ weight: z.number() })) })) }) });
    const patchedVs = vsSchema.parse(await custom.getNamespacedCustomObject({ ...vs, name: 'web' }));
    expect(patchedVs.spec.hosts).toEqual(['web']);
    expect(patchedVs.spec.http[0]?.route.map((r) => r.weight)).toEqual([90, 10]);

    const hr = { group: 'gateway.networking.k8s.io', version: 'v1', namespace, plural: 'httproutes' };
    const backends = (stable: number, canary: number) => [
      { backendRefs: [{ name: 'web-stable', port: 80, weight: stable }, { name: 'web-canary', port: 80, weight: canary }] },
    ];
    await custom.createNamespacedCustomObject({
      ...hr,
      body: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web' }, spec: { parentRefs: [{ name: 'gw' }], rules: backends(100, 0) } },
    });
    await custom.patchNamespacedCustomObject({ ...hr, name: 'web', body: { spec: { rules: backends(50, 50) } } }, mergePatch);
    const hrSchema = z.object({ spec: z.object({ parentRefs: z.array(z.object({ name: z.string() })), rules: z.array(z.object({ backendRefs: z.array(z.object({ weight: z.number() })) })) }) });
    const patchedHr = hrSchema.parse(await custom.getNamespacedCustomObject({ ...hr, name: 'web' }));
    expect(patchedHr.spec.parentRefs).toEqual([{ name: 'gw' }]);
    expect(patchedHr.spec.rules[0]?.backendRefs.map((r) => r.weight)).toEqual([50, 50]);

    // The schema is enforced by the real apiserver: a negative weight is rejected.
    const invalid = await statusCodeOf(() =>
      custom.patchNamespacedCustomObject({ ...hr, name: 'web', body: { spec: { rules: backends(-1, 50) } } }, mergePatch),
    );
    expect(invalid).toBe(422);
  });

  it('serves the DestinationRule, Gateway and Tekton TaskRun CRDs, TaskRun with a status subresource', async () => {
    const namespace = await createNamespace(a, 'crds');
    const custom = kubeConfig(a).makeApiClient(CustomObjectsApi);
    await custom.createNamespacedCustomObject({
      group: 'networking.istio.io', version: 'v1', namespace, plural: 'destinationrules',
      body: { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'web' }, spec: { host: 'web', subsets: [{ name: 'stable', labels: { track: 'stable' } }] } },
    });
    await custom.createNamespacedCustomObject({
      group: 'gateway.networking.k8s.io', version: 'v1', namespace, plural: 'gateways',
      body: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw' }, spec: { gatewayClassName: 'test', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
    });
    const tr = { group: 'tekton.dev', version: 'v1', namespace, plural: 'taskruns', name: 'build-1' };
    await custom.createNamespacedCustomObject({
      ...tr,
      body: { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'build-1' }, spec: { taskRef: { name: 'build' } }, status: { ignored: true } },
    });
    const condition = { type: 'Succeeded', status: 'True', reason: 'Succeeded' };
    await custom.patchNamespacedCustomObjectStatus(
      { ...tr, body: { status: { conditions: [condition] } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const taskRun = z
      .object({ spec: z.object({ taskRef: z.object({ name: z.string() }) }), status: z.object({ conditions: z.array(z.object({ type: z.string(), status: z.string(), reason: z.string() })), ignored: z.boolean().optional() }) })
      .parse(await custom.getNamespacedCustomObject(tr));
    expect(taskRun.status.conditions).toEqual([condition]);
    expect(taskRun.status.ignored).toBeUndefined(); // status is only written through the subresource
  });

  it('gives the restricted identity rights in its namespace only (403 elsewhere)', async () => {
    const restricted = kubeConfig(a, a.restrictedContext);
    const core = restricted.makeApiClient(CoreV1Api);
    const ns = a.restrictedNamespace;
    expect(await statusCodeOf(() => core.listNamespacedPod({ namespace: 'default' }))).toBe(403);
    expect(await statusCodeOf(() => core.listNode())).toBe(403);
    expect(await statusCodeOf(() => core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'nope' } } }))).toBe(403);

    const name = uniqueName('cm');
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name }, data: { hello: 'world' } } });
    expect((await core.readNamespacedConfigMap({ name, namespace: ns })).data).toEqual({ hello: 'world' });
    const apps = restricted.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({ namespace: ns, body: deployment(name, { replicas: 1, image: 'registry.example/web:1.0' }) });
    await pollUntil('rollout in the restricted namespace', async () => {
      return isRolledOut(await apps.readNamespacedDeployment({ name, namespace: ns }), 1) ? true : undefined;
    }, { timeoutMs: 60_000 });
  });

  it('keeps the two clusters independent', async () => {
    expect(a.server).not.toBe(b.server);
    const name = uniqueName('only-in-a');
    const coreA = kubeConfig(a).makeApiClient(CoreV1Api);
    const coreB = kubeConfig(b).makeApiClient(CoreV1Api);
    await coreA.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name } } });
    expect(await statusCodeOf(() => coreA.readNamespacedConfigMap({ name, namespace: 'default' }))).toBe(200);
    expect(await statusCodeOf(() => coreB.readNamespacedConfigMap({ name, namespace: 'default' }))).toBe(404);
    // Certificates are per cluster: cluster a's admin credentials are not accepted by cluster b.
    const crossed = kubeConfig(a);
    crossed.clusters = crossed.clusters.map((c) => ({ ...c, server: b.server, skipTLSVerify: true, caData: undefined }));
    expect(await statusCodeOf(() => crossed.makeApiClient(CoreV1Api).listNode())).toBe(401);
  });
});
