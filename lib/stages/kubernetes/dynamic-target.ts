import type { KubeObject } from '../../kubernetes/types';
import { TargetError } from './target-error';

export type DynamicCriteria = 'newest' | 'second-newest' | 'oldest' | 'largest' | 'smallest';
export const DYNAMIC_CRITERIA: readonly DynamicCriteria[] = ['newest', 'second-newest', 'oldest', 'largest', 'smallest'];

/** The annotation Spinnaker's deploy writes; Foresail's deploy does not, hence the name fallback below. */
export const MONIKER_CLUSTER = 'moniker.spinnaker.io/cluster';

/** `cluster: "deployment my-app"` (Spinnaker's moniker cluster) or just `"my-app"`. */
export function parseCluster(cluster: string): { kind?: string; name: string } | undefined {
  const words = cluster.trim().split(/\s+/).filter(Boolean);
  if (words.length === 1) return { name: words[0] ?? '' };
  if (words.length === 2) return { kind: words[0], name: words[1] ?? '' };
  return undefined;
}

const sameCluster = (a: { kind?: string; name: string }, b: { kind?: string; name: string }) =>
  a.name === b.name && (!a.kind || !b.kind || a.kind.toLowerCase() === b.kind.toLowerCase());

/**
 * Whether `obj` belongs to `cluster`. An object carrying the moniker annotation belongs exactly when the
 * annotation names the same cluster (kind compared case-insensitively, so "replicaSet" = "ReplicaSet");
 * the annotation wins over the name. Without it the name decides, accepting only the names Kubernetes
 * and Spinnaker give a cluster's versions — not every `<name>-…`, so `my-app-canary` stays out of `my-app`:
 *  - the cluster's name itself (`my-app`);
 *  - a versioned name `my-app-v001` (three or more digits, as Spinnaker's versioned deploys write);
 *  - a Deployment's ReplicaSet `my-app-<hash>` whose `pod-template-hash` label is that hash.
 */
export function belongsToCluster(obj: KubeObject, cluster: string): boolean {
  const wanted = parseCluster(cluster);
  if (!wanted) return false;
  const annotated = obj.metadata?.annotations?.[MONIKER_CLUSTER];
  if (annotated !== undefined) {
    const own = parseCluster(annotated);
    return own !== undefined && sameCluster(own, wanted);
  }
  const name = obj.metadata?.name ?? '';
  if (name === wanted.name) return true;
  if (!name.startsWith(`${wanted.name}-`)) return false;
  const suffix = name.slice(wanted.name.length + 1);
  return /^v\d{3,}$/.test(suffix) || obj.metadata?.labels?.['pod-template-hash'] === suffix;
}

const createdAt = (obj: KubeObject): number => {
  const text = obj.metadata?.creationTimestamp;
  const time = typeof text === 'string' ? Date.parse(text) : NaN;
  return Number.isFinite(time) ? time : 0;
};

const nameOf = (obj: KubeObject): string => obj.metadata?.name ?? '';

/** spec.replicas, else status.replicas, else 0 (a kind without replicas is "smallest"). */
export function replicasOf(obj: KubeObject): number {
  for (const part of [obj.spec, obj.status]) {
    const value = (part as { replicas?: unknown } | undefined)?.replicas;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return 0;
}

const byAge = (a: KubeObject, b: KubeObject) => createdAt(a) - createdAt(b) || nameOf(a).localeCompare(nameOf(b));
const bySize = (a: KubeObject, b: KubeObject) => replicasOf(a) - replicasOf(b) || byAge(a, b);

/**
 * Picks one of a cluster's objects by Spinnaker's criteria. Age is metadata.creationTimestamp (whole
 * seconds, so equal times are ordered by name: the later name counts as newer); size is replicas, with
 * equal sizes ordered by age (largest takes the newest of the largest, smallest the oldest of the smallest).
 * Returns undefined when there is nothing to pick (second-newest needs two).
 */
export function pickByCriteria(candidates: readonly KubeObject[], criteria: DynamicCriteria): KubeObject | undefined {
  const ordered = [...candidates].sort(criteria === 'largest' || criteria === 'smallest' ? bySize : byAge);
  switch (criteria) {
    case 'newest':
    case 'largest':
      return ordered.at(-1);
    case 'second-newest':
      return ordered.at(-2);
    case 'oldest':
    case 'smallest':
      return ordered[0];
  }
}

/** The object a dynamic target names among `objects` (all of `kind` in `namespace`), or a TargetError in words. */
export function pickDynamicTarget(objects: readonly KubeObject[], target: { cluster: string; criteria: DynamicCriteria; kind: string; namespace: string }): KubeObject {
  const { cluster, criteria, kind, namespace } = target;
  const members = objects.filter((obj) => belongsToCluster(obj, cluster));
  if (members.length === 0) {
    throw new TargetError(`No ${kind} in namespace ${namespace} belongs to cluster "${cluster}" (${objects.length} ${kind} object${objects.length === 1 ? '' : 's'} there, none of that cluster)`);
  }
  const picked = pickByCriteria(members, criteria);
  if (!picked) {
    throw new TargetError(`Cluster "${cluster}" has only ${members.length} ${kind} in namespace ${namespace} (${members.map(nameOf).join(', ')}); "${criteria}" needs at least two`);
  }
  return picked;
}
