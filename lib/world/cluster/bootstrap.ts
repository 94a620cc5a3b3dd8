import fs from 'node:fs/promises';
import path from 'node:path';
import {
  ApiException,
  ApiextensionsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
  type V1CustomResourceDefinition,
  type V1Node,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { pollUntil } from './poll.ts';
import { crdDir } from './paths.ts';

export const restrictedNamespace = 'team-a';
export const restrictedServiceAccount = 'foresail-restricted';
export const kwokNodeNames = ['kwok-node-0', 'kwok-node-1', 'kwok-node-2'];
/** One year: the token is rewritten on every `cluster:up`, so it only has to outlive a cluster. */
const restrictedTokenSeconds = 365 * 24 * 3600;

/** The objects every test cluster starts with: kwok nodes, CRDs, and the restricted identity. */
export async function bootstrapCluster(kc: KubeConfig): Promise<{ restrictedToken: string }> {
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  const ext = kc.makeApiClient(ApiextensionsV1Api);

  const crds = await loadCrds();
  await Promise.all([
    ...kwokNodeNames.map((name) => createOrKeep(`node ${name}`, () => core.createNode({ body: kwokNode(name) }))),
    ...crds.map((body) => createOrKeep(`CRD ${body.metadata?.name}`, () => ext.createCustomResourceDefinition({ body }))),
  ]);
  // The typed create drops the schema's `x-kubernetes-*` keys (the client's serializer only knows their
  // camelCase names), so a status written by a controller lost its unknown fields (a TaskRun's
  // results). A merge patch sends the file's spec as written; it also updates a kept cluster's CRDs.
  await Promise.all(
    crds.map((body) =>
      ext.patchCustomResourceDefinition({ name: body.metadata?.name ?? '', body: { spec: body.spec } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch)).catch((err: unknown) => {
        throw new Error(`Updating CRD ${body.metadata?.name} failed: ${apiErrorMessage(err)}`, { cause: err });
      }),
    ),
  );

  await createOrKeep(`namespace ${restrictedNamespace}`, () => core.createNamespace({ body: { metadata: { name: restrictedNamespace } } }));
  await createOrKeep(`service account ${restrictedServiceAccount}`, () =>
    core.createNamespacedServiceAccount({ namespace: restrictedNamespace, body: { metadata: { name: restrictedServiceAccount } } }),
  );
  await createOrKeep(`role ${restrictedServiceAccount}`, () =>
    rbac.createNamespacedRole({
      namespace: restrictedNamespace,
      body: {
        metadata: { name: restrictedServiceAccount },
        rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
      },
    }),
  );
  await createOrKeep(`role binding ${restrictedServiceAccount}`, () =>
    rbac.createNamespacedRoleBinding({
      namespace: restrictedNamespace,
      body: {
        metadata: { name: restrictedServiceAccount },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: restrictedServiceAccount },
        subjects: [{ kind: 'ServiceAccount', name: restrictedServiceAccount, namespace: restrictedNamespace }],
      },
    }),
  );
  const tokenRequest = await core
    .createNamespacedServiceAccountToken({
      name: restrictedServiceAccount,
      namespace: restrictedNamespace,
      body: { spec: { audiences: [], expirationSeconds: restrictedTokenSeconds } },
    })
    .catch((err: unknown) => {
      throw new Error(`TokenRequest for ${restrictedServiceAccount} failed: ${apiErrorMessage(err)}`, { cause: err });
    });
  const restrictedToken = tokenRequest.status?.token;
  if (!restrictedToken) throw new Error('TokenRequest for the restricted service account returned no token');
  return { restrictedToken };
}

/**
 * Waits until the cluster does what tests expect: CRDs served, kwok nodes Ready (kwok runs),
 * and `default` service accounts made by the controller manager (pods can be created).
 */
export async function waitUntilUsable(kc: KubeConfig, check: () => void, timeoutMs: number): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  const crdNames = (await loadCrds()).map((crd) => crd.metadata?.name ?? '');
  await Promise.all([
    pollUntil(
      'CRDs to be established',
      async () => {
        for (const name of crdNames) {
          const crd = await ext.readCustomResourceDefinition({ name });
          if (!crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return undefined;
        }
        return true;
      },
      { timeoutMs, check },
    ),
    pollUntil(
      `${kwokNodeNames.length} kwok nodes to be Ready (is kwok running?)`,
      async () => {
        const nodes = await core.listNode();
        const ready = nodes.items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
        return ready.length >= kwokNodeNames.length ? true : undefined;
      },
      { timeoutMs, check },
    ),
    ...['default', restrictedNamespace].map((namespace) =>
      pollUntil(
        `the default service account in namespace ${namespace} (is kube-controller-manager running?)`,
        async () => {
          await core.readNamespacedServiceAccount({ name: 'default', namespace });
          return true;
        },
        { timeoutMs, check },
      ),
    ),
  ]);
}

function kwokNode(name: string): V1Node {
  const resources = { cpu: '32', memory: '256Gi', pods: '110', 'ephemeral-storage': '1Ti' };
  return {
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node-role.kubernetes.io/agent': '',
        type: 'kwok',
      },
    },
    // Nodes may be created with status; kwok keeps what it finds and fills in the rest.
    status: { allocatable: resources, capacity: resources },
  };
}

export async function loadCrds(): Promise<V1CustomResourceDefinition[]> {
  const files = (await fs.readdir(crdDir)).filter((f) => f.endsWith('.yaml')).sort();
  const crds: V1CustomResourceDefinition[] = [];
  for (const file of files) {
    // merge: the CRD files share one schema between versions through YAML merge keys (<<).
    for (const doc of parseAllDocuments(await fs.readFile(path.join(crdDir, file), 'utf8'), { merge: true })) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
      const value: unknown = doc.toJS();
      if (!isCrd(value)) throw new Error(`${file}: expected a CustomResourceDefinition`);
      crds.push(value);
    }
  }
  return crds;
}

function isCrd(value: unknown): value is V1CustomResourceDefinition {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'CustomResourceDefinition';
}

/** Creates an object; one that already exists (409) is left as it is. */
async function createOrKeep(what: string, create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (err) {
    if (err instanceof ApiException && err.code === 409) return;
    throw new Error(`Creating ${what} failed: ${apiErrorMessage(err)}`, { cause: err });
  }
}

/** The apiserver's own message instead of ApiException's dump of body and headers. */
function apiErrorMessage(err: unknown): string {
  if (err instanceof ApiException) {
    const body: unknown = typeof err.body === 'string' ? safeJson(err.body) : err.body;
    const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : String(err.body);
    return `HTTP ${err.code}: ${message}`;
  }
  return err instanceof Error ? err.message : String(err);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
