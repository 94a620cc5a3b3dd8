import 'server-only';
import type { ClusterClient } from '../../kubernetes/client';
import { withApplicationLabels, withoutManagedFields } from '../../kubernetes/metadata';
import { redactSecrets } from '../../kubernetes/redact';
import { refOf, type KubeObject, type ObjectRef } from '../../kubernetes/types';
import type { ManifestDiff } from '../../pipeline/stage-resources';
import { task } from '../tasks';
import type { StageHandler } from '../types';
import { bindImages } from './bind-images';
import { failedFrom } from './failures';
import { withUpstreamArtifacts } from '../artifact-scope';
import { imageArtifactsFor } from './image-artifacts';
import { liveDiff } from './live-diff';
import { manifestsOf } from './manifest-source';
import { FIRST_POLL_MS, pollStable, timeoutOf } from './stability';

export interface DeployManifestState {
  applied: ObjectRef[];
  startedAt: number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
/** Spinnaker's per-manifest opt-in to taking over conflicting fields. */
const FORCE_ANNOTATION = 'strategy.spinnaker.io/server-side-apply';
/** Kinds later manifests may depend on: applied alone and first, in manifest order. */
const FOUNDATION_KINDS = new Set(['Namespace', 'CustomResourceDefinition']);
const APPLY_CONCURRENCY = 8;

/**
 * Applies every manifest, namespaces and CRDs first (in order), the rest concurrently: they do not
 * depend on each other at apply time, and twenty round trips in a row are most of a deploy's wait.
 * Manifests annotated force-conflicts are applied with force. The result keeps manifest order.
 */
async function applyAll(client: ClusterClient, manifests: KubeObject[], namespace: string | undefined, override: boolean, signal: AbortSignal): Promise<{ applied: KubeObject[]; diffs: (ManifestDiff | undefined)[] }> {
  const diffs = new Array<ManifestDiff | undefined>(manifests.length);
  const applyOne = async (manifest: KubeObject, i: number) => {
    const force = manifest.metadata?.annotations?.[FORCE_ANNOTATION] === 'force-conflicts';
    const before = await liveBefore(client, manifest, override ? namespace : (manifest.metadata?.namespace ?? namespace), signal);
    const [applied] = await client.apply([manifest], { namespace, override, force, signal });
    if (!applied) throw new Error(`The cluster returned nothing for ${String(manifest.kind)} ${String(manifest.metadata?.name)}`);
    // Secret values never reach the stored diff: both sides are redacted, so a change shows as a new fingerprint.
    if (before !== 'unknown') diffs[i] = liveDiff(before && redactSecrets(before), redactSecrets(applied));
    return applied;
  };
  const results = new Array<KubeObject>(manifests.length);
  const rest: number[] = [];
  for (const [i, manifest] of manifests.entries()) {
    if (FOUNDATION_KINDS.has(String(manifest.kind))) results[i] = await applyOne(manifest, i);
    else rest.push(i);
  }
  let next = 0;
  const worker = async () => {
    for (let i = rest[next++]; i !== undefined; i = rest[next++]) results[i] = await applyOne(manifests[i] as KubeObject, i);
  };
  await Promise.all(Array.from({ length: Math.min(APPLY_CONCURRENCY, rest.length) }, worker));
  return { applied: results, diffs };
}

/**
 * The object as it was before the apply, for the stage's diff; 'unknown' when it could not be read
 * (the diff is a view, so a failed read must not fail the deploy; the apply reports real problems).
 */
async function liveBefore(client: ClusterClient, manifest: KubeObject, namespace: string | undefined, signal: AbortSignal): Promise<KubeObject | undefined | 'unknown'> {
  const name = manifest.metadata?.name;
  if (!manifest.apiVersion || !manifest.kind || !name) return 'unknown';
  try {
    return await client.find({ apiVersion: manifest.apiVersion, kind: manifest.kind, name, namespace: namespace ?? 'default' }, signal);
  } catch {
    return 'unknown';
  }
}

/** Spinnaker's deploy outputs: later stages and expressions read these keys. */
function deployOutputs(account: string, applied: KubeObject[], bound: unknown[], diffs: (ManifestDiff | undefined)[]): Record<string, unknown> {
  const byNamespace: Record<string, string[]> = {};
  for (const obj of applied) {
    const ref = refOf(obj);
    (byNamespace[ref.namespace ?? ''] ??= []).push(`${ref.kind.toLowerCase()} ${ref.name}`);
  }
  // Outputs are shown to everyone who may read the application: no Secret values in them.
  const manifests = redactSecrets(applied.map(withoutManagedFields));
  return {
    manifests,
    'outputs.manifests': manifests,
    'outputs.manifestNamesByNamespace': byNamespace,
    'outputs.boundArtifacts': bound,
    'outputs.createdArtifacts': applied.map((obj) => {
      const ref = refOf(obj);
      return { type: `kubernetes/${ref.kind.charAt(0).toLowerCase()}${ref.kind.slice(1)}`, name: ref.name, reference: ref.name, location: ref.namespace ?? '', customKind: false, metadata: { account } };
    }),
    'deploy.account.name': account,
    'deploy.server.groups': byNamespace,
    manifestDiffs: diffs.filter((d): d is ManifestDiff => d !== undefined),
  };
}

/** Applies manifests (server-side apply), then waits until every object is stable or the stage times out. */
export const deployManifest: StageHandler<'deployManifest', DeployManifestState> = {
  type: 'deployManifest',
  ownTimeout: true,
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run({ stage, state, execution: received, stages, services, now, signal }) {
    const execution = withUpstreamArtifacts(received, stage, stages);
    const config = stage.config;
    const timeoutMs = timeoutOf(config, DEFAULT_TIMEOUT_MS);
    try {
      const client = await services.kubernetes(config.account);
      if (state) return await pollStable({ client, refs: state.applied, state, startedAt: state.startedAt, timeoutMs, now: now(), signal, taskNames: ['Deploy manifest', 'Wait for manifest to stabilize'] });
      const source = await manifestsOf(execution, config, services);
      if ('error' in source) return { status: 'failed', reason: source.error, tasks: [task('Deploy manifest', 'TERMINAL')] };
      const { artifacts, missing } = imageArtifactsFor(execution, config);
      if (missing.length) return { status: 'failed', reason: `Required artifact${missing.length > 1 ? 's' : ''} ${missing.join(', ')} did not bind to anything in this execution` };
      const { manifests, bound } = bindImages(source.manifests.map((m) => withApplicationLabels(m, execution.application)), artifacts);
      const override = Boolean(config.namespaceOverride);
      const { applied, diffs } = await applyAll(client, manifests, config.namespaceOverride || config.namespace || undefined, override, signal);
      const refs = applied.map(refOf);
      return {
        status: 'running',
        state: { applied: refs, startedAt: stage.startTime ?? now() }, // the timeout counts from the stage's start, as Orca's does
        pollAfterMs: FIRST_POLL_MS,
        outputs: deployOutputs(config.account, applied, bound, diffs),
        tasks: [task('Deploy manifest', 'SUCCEEDED'), task('Wait for manifest to stabilize', 'RUNNING')],
      };
    } catch (err) {
      return failedFrom(err, state ? undefined : `Deploying to account ${config.account} failed`);
    }
  },
};
