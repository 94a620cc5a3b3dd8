import 'server-only';
import type { ClusterClient } from '../../kubernetes/client';
import { describeRef, type KubeObject, type ObjectRef } from '../../kubernetes/types';
import type { StageContext } from '../types';
import { actThenWait, type ActThenWaitState } from './act-then-wait';
import { parseManifestName, resolveTarget, TargetError } from './target';

/** Where Spinnaker's deploy (trafficManagement) records the Services a workload serves. */
export const LOAD_BALANCERS_ANNOTATION = 'traffic.spinnaker.io/load-balancers';

function loadBalancersOf(live: KubeObject, ref: ObjectRef): string[] {
  const raw = live.metadata?.annotations?.[LOAD_BALANCERS_ANNOTATION];
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((item): item is string => typeof item === 'string')) {
    throw new TargetError(`${describeRef(ref)}: the ${LOAD_BALANCERS_ANNOTATION} annotation must be a JSON list such as ["service my-app"], got ${raw}`);
  }
  return parsed;
}

/** The label keys the ReplicaSet's own selector uses: taking one off its pods would orphan them. */
function selectorKeysOf(live: KubeObject): Set<string> {
  const selector = (live.spec as { selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key?: string }[] } } | undefined)?.selector;
  return new Set([...Object.keys(selector?.matchLabels ?? {}), ...(selector?.matchExpressions ?? []).flatMap((e) => (e.key ? [e.key] : []))]);
}

/** The labels that put pods behind the Services: each Service's selector, read live. */
async function serviceLabels(client: ClusterClient, live: KubeObject, ref: ObjectRef, loadBalancers: readonly string[], signal: AbortSignal): Promise<Record<string, string>> {
  const own = selectorKeysOf(live);
  const labels: Record<string, string> = {};
  for (const entry of loadBalancers) {
    const parsed = parseManifestName(entry);
    if (!parsed || parsed.kind.toLowerCase() !== 'service') throw new TargetError(`${describeRef(ref)}: load balancer "${entry}" must be "service <name>" (only Services balance ReplicaSets)`);
    const service = await client.get({ kind: 'service', name: parsed.name, namespace: ref.namespace }, signal);
    const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {};
    if (Object.keys(selector).length === 0) throw new TargetError(`Service ${parsed.name} in ${ref.namespace ?? ''} has no selector, so it cannot send traffic to ${describeRef(ref)} by labels`);
    const shared = Object.keys(selector).filter((key) => own.has(key));
    // Clouddriver refuses the same: the ReplicaSet would stop owning pods that lose its own labels.
    if (shared.length > 0) throw new TargetError(`Service ${parsed.name} selects on ${shared.join(', ')}, which ${describeRef(ref)}'s own selector uses too; give the Service a label of its own (such as frontedBy: ${parsed.name})`);
    Object.assign(labels, selector);
  }
  return labels;
}

type ToggleType = 'enableManifest' | 'disableManifest';

/**
 * Clouddriver's KubernetesEnableDisableManifestOperation for ReplicaSets: the Services' selector labels
 * are added (enable) or removed (disable) on the pod template, so new pods follow, and on every pod the
 * ReplicaSet owns, so running pods join or leave the Services' endpoints without restarting. A merge
 * patch is used: setting or removing a label twice is harmless, so a replay after a crash changes nothing.
 */
async function toggle(client: ClusterClient, ctx: StageContext<ToggleType, ActThenWaitState>, enable: boolean): Promise<{ ref: ObjectRef; outputs: Record<string, unknown> }> {
  const { stage, signal } = ctx;
  const ref = await resolveTarget(client, stage.config, signal);
  if (ref.kind !== 'ReplicaSet') throw new TargetError(`${enable ? 'Enable' : 'Disable'} (Manifest) moves traffic for ReplicaSets; ${describeRef(ref)} is a ${ref.kind}`);
  const live = await client.get(ref, signal);
  const loadBalancers = loadBalancersOf(live, ref);
  const labels = await serviceLabels(client, live, ref, loadBalancers, signal);
  const patchLabels: Record<string, string | null> = enable ? labels : Object.fromEntries(Object.keys(labels).map((key) => [key, null]));
  const pods: string[] = [];
  if (Object.keys(patchLabels).length > 0) {
    // Template first: a pod the ReplicaSet creates after this has the new labels, the ones before are patched below.
    await client.patch(ref, { spec: { template: { metadata: { labels: patchLabels } } } }, 'merge', signal);
    const matchLabels = (live.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ?? {};
    const labelSelector = Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(',') || undefined;
    const uid = live.metadata?.uid;
    for (const pod of await client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: ref.namespace, labelSelector, signal })) {
      const owners = (pod.metadata as { ownerReferences?: { uid?: string }[] } | undefined)?.ownerReferences ?? [];
      if (!owners.some((owner) => owner.uid === uid) || !pod.metadata?.name) continue;
      await client.patch({ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, namespace: ref.namespace }, { metadata: { labels: patchLabels } }, 'merge', signal);
      pods.push(pod.metadata.name);
    }
  }
  return { ref, outputs: { loadBalancers, labels: Object.keys(labels).sort(), pods } };
}

export const enableManifest = actThenWait('enableManifest', 'Enable manifest', (client, ctx) => toggle(client, ctx, true));
export const disableManifest = actThenWait('disableManifest', 'Disable manifest', (client, ctx) => toggle(client, ctx, false));
