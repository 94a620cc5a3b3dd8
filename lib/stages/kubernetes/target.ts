import 'server-only';
import type { ClusterClient } from '../../kubernetes/client';
import { refOf, type ObjectRef } from '../../kubernetes/types';
import type { ManifestTarget } from '../../pipeline/schema/stages/manifest-target';
import { DYNAMIC_CRITERIA, parseCluster, pickDynamicTarget, type DynamicCriteria } from './dynamic-target';
import { TargetError } from './target-error';

export { TargetError };

/** `manifestName: "deployment my-app"` (kind may be "deployment.apps" or a short name). */
export function parseManifestName(manifestName: string): { kind: string; name: string } | undefined {
  const [kind, name, ...rest] = manifestName.trim().split(/\s+/);
  return kind && name && rest.length === 0 ? { kind, name } : undefined;
}

type TargetFields = Pick<ManifestTarget, 'mode' | 'manifestName' | 'location' | 'cluster' | 'criteria' | 'kind'>;

const isCriteria = (value: unknown): value is DynamicCriteria => DYNAMIC_CRITERIA.some((c) => c === value);

/**
 * The one object a stage acts on: "static" names it (`manifestName`), "dynamic" lists `kind` in the
 * namespace and picks one of `cluster`'s objects by `criteria` (rules in dynamic-target.ts). Label mode
 * selects many objects, so only deleteManifest handles it (itself); here it fails in words.
 */
export async function resolveTarget(client: ClusterClient, target: TargetFields, signal?: AbortSignal): Promise<ObjectRef> {
  const mode = target.mode ?? 'static';
  const namespace = target.location || 'default';
  if (mode === 'dynamic') {
    const cluster = String(target.cluster ?? '').trim();
    const kind = String(target.kind ?? '').trim();
    if (!cluster || !parseCluster(cluster)) throw new TargetError(`cluster must be "<kind> <name>" such as "deployment my-app" in dynamic mode, got "${cluster}"`);
    if (!kind) throw new TargetError('kind is required in dynamic mode (the kind of object to pick, such as "replicaSet")');
    if (!isCriteria(target.criteria)) throw new TargetError(`criteria must be one of ${DYNAMIC_CRITERIA.join(', ')} in dynamic mode, got "${String(target.criteria ?? '')}"`);
    const objects = await client.list({ kind }, { namespace, signal });
    return refOf(pickDynamicTarget(objects, { cluster, criteria: target.criteria, kind, namespace }));
  }
  if (mode !== 'static') throw new TargetError(`Target mode "${String(mode)}" is not supported by this stage; use "static" with manifestName or "dynamic" with cluster, criteria and kind`);
  const parsed = parseManifestName(String(target.manifestName ?? ''));
  if (!parsed) throw new TargetError(`manifestName must be "<kind> <name>", got "${String(target.manifestName ?? '')}"`);
  const { ref } = await client.resolve({ kind: parsed.kind, name: parsed.name, namespace }, signal);
  return ref;
}
