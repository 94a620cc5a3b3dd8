import 'server-only';
import type { ExecutionView } from '../types';
import type { ImageArtifact } from './bind-images';

type Loose = Record<string, unknown>;
const isArtifact = (a: unknown): a is Loose => typeof a === 'object' && a !== null;
const toImage = (a: Loose): ImageArtifact | undefined =>
  a.type === 'docker/image' && typeof a.name === 'string' && typeof a.reference === 'string'
    ? { type: 'docker/image', name: a.name, reference: a.reference, ...(typeof a.version === 'string' ? { version: a.version } : {}) }
    : undefined;

/**
 * The image artifacts a manifest stage binds: the required ones first (each must resolve, from an
 * inline artifact or the trigger's resolved expected artifacts), then every docker/image artifact the
 * trigger carries. Returns the ids that did not resolve so the stage can fail naming them.
 */
export function imageArtifactsFor(
  execution: ExecutionView,
  required: { requiredArtifactIds?: string[]; requiredArtifacts?: { expectedArtifactId?: string; artifact?: Loose }[] },
): { artifacts: ImageArtifact[]; missing: string[] } {
  const trigger = execution.trigger;
  const resolved = Array.isArray(trigger.resolvedExpectedArtifacts) ? (trigger.resolvedExpectedArtifacts as unknown[]).filter(isArtifact) : [];
  const boundById = new Map(resolved.filter((r) => typeof r.id === 'string' && isArtifact(r.boundArtifact)).map((r) => [r.id as string, r.boundArtifact as Loose]));
  const missing: string[] = [];
  const requiredArtifacts: Loose[] = [];
  const ids = [...(required.requiredArtifactIds ?? []), ...(required.requiredArtifacts ?? []).map((r) => r.expectedArtifactId).filter((id): id is string => typeof id === 'string' && id !== '')];
  for (const id of ids) {
    const bound = boundById.get(id);
    if (bound) requiredArtifacts.push(bound);
    else missing.push(id);
  }
  for (const r of required.requiredArtifacts ?? []) if (isArtifact(r.artifact)) requiredArtifacts.push(r.artifact);
  const visible = Array.isArray(trigger.artifacts) ? (trigger.artifacts as unknown[]).filter(isArtifact) : [];
  const artifacts = [...requiredArtifacts, ...visible].map(toImage).filter((a): a is ImageArtifact => a !== undefined);
  return { artifacts, missing };
}
