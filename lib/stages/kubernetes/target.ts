import 'server-only';
import type { ClusterClient } from '../../kubernetes/client';
import type { ObjectRef } from '../../kubernetes/types';
import type { ManifestTarget } from '../../pipeline/schema/stages/manifest-target';

/** `manifestName: "deployment my-app"` (kind may be "deployment.apps" or a short name). */
export function parseManifestName(manifestName: string): { kind: string; name: string } | undefined {
  const [kind, name, ...rest] = manifestName.trim().split(/\s+/);
  return kind && name && rest.length === 0 ? { kind, name } : undefined;
}

export class TargetError extends Error {}

/**
 * The one object a static-mode stage acts on, resolved through discovery. Dynamic and label modes
 * (picking among a cluster's versions) are not supported by these stages yet and say so.
 */
export async function resolveStaticTarget(client: ClusterClient, target: Pick<ManifestTarget, 'mode' | 'manifestName' | 'location'>, signal?: AbortSignal): Promise<ObjectRef> {
  const mode = target.mode ?? 'static';
  if (mode !== 'static') throw new TargetError(`Target mode "${String(mode)}" is not supported by this stage yet; name the object with mode "static" and manifestName`);
  const parsed = parseManifestName(String(target.manifestName ?? ''));
  if (!parsed) throw new TargetError(`manifestName must be "<kind> <name>", got "${String(target.manifestName ?? '')}"`);
  const { ref } = await client.resolve({ kind: parsed.kind, name: parsed.name, namespace: target.location || 'default' }, signal);
  return ref;
}
