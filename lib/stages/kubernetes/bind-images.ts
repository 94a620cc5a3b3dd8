import type { KubeObject } from '../../kubernetes/types';

export interface ImageArtifact {
  type: string;
  name: string;
  reference: string;
  version?: string;
}

/** An image's repository: without `@digest`, and without `:tag` (a colon after the last slash; a registry port is not a tag). */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

/**
 * Spinnaker's docker image binding: any container image (at any depth, so Deployments, CronJobs and
 * custom resources alike) whose repository equals a docker/image artifact's name is replaced by the
 * artifact's reference. Returns new manifests and the artifacts that were used.
 */
export function bindImages(manifests: readonly KubeObject[], artifacts: readonly ImageArtifact[]): { manifests: KubeObject[]; bound: ImageArtifact[] } {
  const byName = new Map<string, ImageArtifact>();
  // First wins: required artifacts are passed before merely visible ones.
  for (const a of artifacts) if (a.type === 'docker/image' && a.name && a.reference && !byName.has(a.name)) byName.set(a.name, a);
  const bound = new Set<ImageArtifact>();
  const visit = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) {
      const isContainers = key !== undefined && CONTAINER_LISTS.includes(key);
      return value.map((item) => {
        const copy = visit(item);
        if (isContainers && typeof copy === 'object' && copy !== null && typeof (copy as { image?: unknown }).image === 'string') {
          const c = copy as { image: string };
          const artifact = byName.get(imageRepository(c.image));
          if (artifact) {
            bound.add(artifact);
            return { ...c, image: artifact.reference };
          }
        }
        return copy;
      });
    }
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, k)]));
    return value;
  };
  return { manifests: manifests.map((m) => visit(m) as KubeObject), bound: [...bound] };
}

/** The image artifacts a live object runs (findArtifactsFromResource), in container order, once each. */
export function imagesOf(obj: KubeObject): ImageArtifact[] {
  const out = new Map<string, ImageArtifact>();
  const visit = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        const image = (item as { image?: unknown } | null)?.image;
        if (key && CONTAINER_LISTS.includes(key) && typeof image === 'string' && !out.has(image)) {
          const repository = imageRepository(image);
          const version = image.includes('@') ? image.slice(image.indexOf('@') + 1) : image.length > repository.length ? image.slice(repository.length + 1) : undefined;
          out.set(image, { type: 'docker/image', name: repository, reference: image, ...(version ? { version } : {}) });
        }
        visit(item);
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) if (k !== 'status' && k !== 'metadata') visit(v, k);
    }
  };
  visit(obj.spec, 'spec');
  return [...out.values()];
}
