import 'server-only';
import { can } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import type { KubernetesAccountConfig } from '../config/kubernetes-schema';
import { getConfig } from '../env';
import { NotFoundError } from '../errors';
import { clusterClientFor, type ClusterClient } from '../kubernetes/client';
import { isKubernetesFailure } from '../kubernetes/errors';
import { APPLICATION_LABEL } from '../kubernetes/metadata';
import { readinessOf } from '../kubernetes/readiness';
import type { KubeObject } from '../kubernetes/types';
import { workloadKinds, type InfrastructureDto, type InfrastructureQuery, type Workload, type WorkloadKind, type WorkloadList } from '../pipeline/kubernetes-views';
import { accountResource } from './accounts';
import { visibleApplication } from '../auth/visible-applications';

const API_VERSION: Record<WorkloadKind, string> = { Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', Job: 'batch/v1' };
/** Pods listed per workload; a bigger one says "more" instead of loading every pod. */
const PODS_PER_WORKLOAD = 50;

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Dict) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const imagesOfPodSpec = (podSpec: unknown): string[] => [...list(dict(podSpec).initContainers), ...list(dict(podSpec).containers)].map((c) => String(dict(c).image ?? '')).filter(Boolean);
const templateImages = (obj: KubeObject) => imagesOfPodSpec(dict(dict(obj.spec).template).spec);
const ownerOf = (obj: KubeObject) => list(obj.metadata?.ownerReferences).map(dict).find((o) => o.controller === true);

function selectorOf(obj: KubeObject): string | undefined {
  const labels = dict(dict(dict(obj.spec).selector).matchLabels);
  const entries = Object.entries(labels);
  return entries.length ? entries.map(([k, v]) => `${k}=${String(v)}`).join(',') : undefined;
}

function failureText(err: unknown): string {
  // Only lib/kubernetes failures have messages fit to show (no bodies, headers or tokens).
  return isKubernetesFailure(err) ? err.message : 'Could not read from the cluster';
}

/** Desired and ready counts by kind (a Job's are its parallelism and succeeded pods). */
function counts(kind: WorkloadKind, obj: KubeObject): { desired: number | null; ready: number | null } {
  const spec = dict(obj.spec);
  const status = dict(obj.status);
  switch (kind) {
    case 'DaemonSet':
      return { desired: int(status.desiredNumberScheduled), ready: int(status.numberReady) };
    case 'Job':
      return { desired: typeof spec.completions === 'number' ? spec.completions : 1, ready: int(status.succeeded) };
    default:
      return { desired: typeof spec.replicas === 'number' ? spec.replicas : 1, ready: int(status.readyReplicas) };
  }
}

async function describeWorkload(client: ClusterClient, kind: WorkloadKind, obj: KubeObject, signal?: AbortSignal): Promise<Workload> {
  const namespace = obj.metadata?.namespace ?? '';
  const readiness = readinessOf(obj);
  const selector = selectorOf(obj);
  const uid = obj.metadata?.uid;
  let pods: KubeObject[] = [];
  let morePods = false;
  let replicaSets: KubeObject[] = [];
  if (selector) {
    const [podPage, rsPage] = await Promise.all([
      client.listPage({ apiVersion: 'v1', kind: 'Pod' }, { namespace, labelSelector: selector, limit: PODS_PER_WORKLOAD, signal }),
      kind === 'Deployment' ? client.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { namespace, labelSelector: selector, limit: 100, signal }) : Promise.resolve([]),
    ]);
    pods = podPage.items;
    morePods = podPage.continue !== undefined;
    // A selector can match another controller's objects too; keep the ones this workload owns.
    replicaSets = rsPage.filter((rs) => ownerOf(rs)?.uid === uid);
    if (kind !== 'Deployment') pods = pods.filter((p) => ownerOf(p)?.uid === uid);
    else {
      const rsUids = new Set(replicaSets.map((rs) => rs.metadata?.uid));
      pods = pods.filter((p) => rsUids.has(String(ownerOf(p)?.uid)));
    }
  }
  return {
    kind,
    name: obj.metadata?.name ?? '',
    namespace,
    status: readiness.status,
    message: readiness.message,
    ...counts(kind, obj),
    images: templateImages(obj),
    createdAt: text(obj.metadata?.creationTimestamp),
    replicaSets: replicaSets
      .map((rs) => ({ name: rs.metadata?.name ?? '', revision: rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? null, desired: int(dict(rs.spec).replicas), ready: int(dict(rs.status).readyReplicas), images: templateImages(rs) }))
      .sort((a, b) => Number(b.revision ?? 0) - Number(a.revision ?? 0)),
    pods: pods.map((p) => {
      const r = readinessOf(p);
      const status = dict(p.status);
      return {
        name: p.metadata?.name ?? '',
        phase: String(status.phase ?? 'Pending'),
        status: r.status,
        message: r.message,
        images: imagesOfPodSpec(p.spec),
        restarts: list(status.containerStatuses).reduce<number>((sum, c) => sum + int(dict(c).restartCount), 0),
        node: text(dict(p.spec).nodeName),
        owner: text(ownerOf(p)?.name),
      };
    }),
    morePods,
  };
}

interface ListRequest {
  account: KubernetesAccountConfig;
  kind: WorkloadKind;
  namespace: string | undefined;
  limit: number;
  continueToken: string | undefined;
}

async function workloadList(application: string, req: ListRequest, signal?: AbortSignal): Promise<WorkloadList> {
  const empty = { kind: req.kind, namespace: req.namespace ?? null, workloads: [], continue: null };
  try {
    const client = clusterClientFor(req.account);
    const page = await client.listPage({ apiVersion: API_VERSION[req.kind], kind: req.kind }, { namespace: req.namespace, labelSelector: `${APPLICATION_LABEL}=${application}`, limit: req.limit, continue: req.continueToken, signal });
    const workloads = await Promise.all(page.items.map((obj) => describeWorkload(client, req.kind, obj, signal)));
    return { ...empty, workloads, continue: page.continue ?? null, error: null };
  } catch (err) {
    return { ...empty, error: failureText(err) };
  }
}

/**
 * The workloads Foresail manages for an application, per readable account: one labelled list per kind
 * (and per allowed namespace when the account is limited to some), each paged by the apiserver's
 * `continue` token. Accounts the user may not READ are left out and counted.
 */
export async function applicationInfrastructure(user: SessionUser, name: string, query: InfrastructureQuery, signal?: AbortSignal): Promise<InfrastructureDto> {
  const application = await visibleApplication(user, name);
  const configured = getConfig().kubernetes.accounts;
  const readable = configured.filter((a) => can(user, 'read', accountResource(a)));
  let accounts = readable;
  if (query.account) {
    // Unknown and unreadable answer alike, so account names cannot be probed.
    accounts = readable.filter((a) => a.name === query.account);
    if (accounts.length === 0) throw new NotFoundError(`Kubernetes account ${query.account} not found`);
  }
  const kinds = query.kind ? [query.kind] : workloadKinds;
  const result = await Promise.all(
    accounts.map(async (account) => {
      const namespaces = query.namespace ? [query.namespace] : account.namespaces.length ? account.namespaces : [undefined];
      const requests = namespaces.flatMap((namespace) => kinds.map((kind): ListRequest => ({ account, kind, namespace, limit: query.limit, continueToken: query.continue })));
      return { name: account.name, lists: await Promise.all(requests.map((r) => workloadList(application.name, r, signal))) };
    }),
  );
  return { application: application.name, accounts: result, omittedAccounts: query.account ? 0 : configured.length - readable.length };
}
