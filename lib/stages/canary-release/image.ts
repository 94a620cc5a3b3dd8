import 'server-only';
import type { ExecutionView } from '../types';
import type { CanaryReleaseConfig } from './children';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The new image's reference: written out, an inline artifact, or an expected artifact the trigger bound. */
export function newImageOf(config: CanaryReleaseConfig, execution: ExecutionView): { image: string } | { error: string } {
  const image = config.image;
  if (typeof image === 'string') return image.trim() ? { image: image.trim() } : { error: 'The stage names no new image' };
  const inline = image.artifact?.reference;
  if (typeof inline === 'string' && inline) return { image: inline };
  if (image.expectedArtifactId) {
    const resolved = Array.isArray(execution.trigger.resolvedExpectedArtifacts) ? (execution.trigger.resolvedExpectedArtifacts as unknown[]).filter(isObject) : [];
    const bound = resolved.find((r) => r.id === image.expectedArtifactId)?.boundArtifact;
    if (isObject(bound) && typeof bound.reference === 'string' && bound.reference) return { image: bound.reference };
    return { error: `The expected artifact ${image.expectedArtifactId} did not bind to an image in this execution` };
  }
  return { error: 'The new image artifact has no reference' };
}
