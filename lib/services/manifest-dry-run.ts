import 'server-only';
import type { KubernetesAccountConfig } from '../config/kubernetes-schema';
import { clusterClientFor, type ClusterClient } from '../kubernetes/client';
import { isKubernetesFailure, type KubernetesFailure } from '../kubernetes/errors';
import { redactSecrets } from '../kubernetes/redact';
import { describeRef, refOf, type KubeObject } from '../kubernetes/types';
import { diffJson } from '../pipeline/json-diff';
import type { DryRunRequest, DryRunResult, DryRunVerdict } from '../pipeline/kubernetes-accounts';
import { asClusterError } from './accounts';

/** Fields the apiserver maintains: they differ between any live object and any dry run, so they are noise. */
const BOOKKEEPING = new Set(['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp']);

export function withoutBookkeeping(object: KubeObject): KubeObject {
  const { status: _status, ...rest } = object;
  const metadata = Object.fromEntries(Object.entries(object.metadata ?? {}).filter(([key]) => !BOOKKEEPING.has(key)));
  return { ...rest, metadata };
}

function describeManifest(manifest: KubeObject, namespace: string | undefined): string {
  const kind = typeof manifest.kind === 'string' && manifest.kind ? manifest.kind : 'Manifest';
  const name = typeof manifest.metadata?.name === 'string' && manifest.metadata.name ? manifest.metadata.name : '(no name)';
  const ns = manifest.metadata?.namespace ?? namespace;
  return `${kind} ${name}${ns ? ` in ${ns}` : ''}`;
}

const VERDICT_OF: Partial<Record<KubernetesFailure['kind'], DryRunVerdict['verdict']>> = { invalid: 'invalid', forbidden: 'forbidden', namespace_not_allowed: 'forbidden', conflict: 'conflict' };

async function dryRunOne(client: ClusterClient, manifest: KubeObject, index: number, request: DryRunRequest, signal: AbortSignal): Promise<DryRunVerdict> {
  const object = describeManifest(manifest, request.namespace);
  try {
    const [result] = await client.apply([manifest], { namespace: request.namespace, override: request.override, dryRun: true, signal });
    if (!result) throw new Error('the apiserver returned no object for a dry run');
    const ref = refOf(result);
    const live = await client.find(ref, signal);
    // WRITE users see this diff: Secret values only as fingerprints (a changed value still shows as changed).
    const after = withoutBookkeeping(redactSecrets(result));
    const changes = live ? diffJson(withoutBookkeeping(redactSecrets(live)), after) : [{ path: '', kind: 'added' as const, after }];
    const action = !live ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
    return { index, object: describeRef(ref), verdict: 'ok', message: null, causes: [], action, changes };
  } catch (err) {
    // The cluster itself failing is not a verdict about this manifest: answer for the whole request.
    if (!isKubernetesFailure(err) || err.kind === 'unreachable' || err.kind === 'timeout') throw asClusterError(err);
    return { index, object, verdict: VERDICT_OF[err.kind] ?? 'failed', message: err.message, causes: err.causes, action: null, changes: [] };
  }
}

const DRY_RUN_TIMEOUT_MS = 20_000;

/**
 * Server-side dry run of each manifest (validation, admission and defaulting by the apiserver; nothing
 * stored) and what it would change in the live object. Manifests go one at a time, so one invalid
 * manifest does not hide the verdicts of the others; note a Namespace in the list is not created by a
 * dry run, so objects in it are reported as the cluster sees them now.
 */
export async function dryRunManifests(account: KubernetesAccountConfig, request: DryRunRequest): Promise<DryRunResult> {
  let client: ClusterClient;
  try {
    client = clusterClientFor(account);
  } catch (err) {
    throw asClusterError(err);
  }
  const signal = AbortSignal.timeout(DRY_RUN_TIMEOUT_MS);
  const verdicts: DryRunVerdict[] = [];
  for (const [index, manifest] of request.manifests.entries()) verdicts.push(await dryRunOne(client, manifest as KubeObject, index, request, signal));
  return { account: account.name, verdicts };
}
