import type { KubeObject } from '../../kubernetes/types';
import type { Artifact, ExpectedArtifact } from '../../pipeline';
import { describeUnmatched, resolveExpectedArtifacts } from '../../pipeline/artifact-binding';
import { imageRepository } from './bind-images';

/**
 * What a finished job says it built. Tekton's type hints (the results Tekton Chains reads):
 * a result `IMAGE_URL` (or `<X>_IMAGE_URL`) names a built image and `IMAGE_DIGEST` (`<X>_IMAGE_DIGEST`)
 * its digest. Each becomes a docker/image artifact, its reference the URL as written (the tag is the version).
 */
export function builtImages(live: KubeObject): Artifact[] {
  const results = (live.status as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results)) return [];
  const values = new Map<string, string>();
  for (const r of results) {
    const { name, value } = (r ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name === 'string' && typeof value === 'string' && value.trim() !== '') values.set(name, value.trim());
  }
  const images: Artifact[] = [];
  for (const [name, url] of values) {
    if (name !== 'IMAGE_URL' && !name.endsWith('_IMAGE_URL')) continue;
    const digest = values.get(name.replace(/URL$/, 'DIGEST'));
    const repository = imageRepository(url);
    const version = url.length > repository.length ? url.slice(repository.length + 1) : digest;
    images.push({ type: 'docker/image', name: repository, reference: url, ...(version ? { version } : {}), ...(digest ? { metadata: { digest } } : {}) });
  }
  return images;
}

/**
 * Orca's BindProducedArtifactsTask: a stage's own expectedArtifacts ("Produces artifacts" in Deck)
 * are bound to what it emitted, else to their defaults, and become its `outputs.artifacts`, which
 * later stages and pipelines triggered by this one receive. One that binds to nothing fails the stage.
 */
export function bindProducedArtifacts(expected: readonly ExpectedArtifact[], emitted: readonly Artifact[]): { artifacts: Artifact[]; resolvedExpectedArtifacts: ExpectedArtifact[] } | { error: string } {
  if (expected.length === 0) return { artifacts: [], resolvedExpectedArtifacts: [] };
  const result = resolveExpectedArtifacts({ expected, received: emitted, prior: [], triggerExpectedIds: expected.map((e) => e.id) });
  if (result.unmatched.length > 0) return { error: `The stage did not produce what it declares: ${describeUnmatched(result.unmatched)}` };
  return { artifacts: result.resolved.map((r) => r.boundArtifact), resolvedExpectedArtifacts: result.resolved.map((r) => r.expectedArtifact) };
}
