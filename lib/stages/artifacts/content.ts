import 'server-only';
import type { StageServices } from '../types';
import { SEALED_CONTENT_KEY } from './sealed';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

export type ArtifactBytes = { bytes: Buffer } | { error: string };

/**
 * The bytes an artifact stands for: an embedded/base64 artifact's own reference, or its sealed real
 * content when its reference is a redacted copy (a bake that rendered a Secret); any other type is
 * fetched through its artifact account (StageServices.fetchArtifact). `what` names it in errors.
 */
export async function artifactBytes(artifact: Loose, what: string, services: StageServices): Promise<ArtifactBytes> {
  const type = typeof artifact.type === 'string' ? artifact.type : 'unknown';
  if (type !== 'embedded/base64') return services.fetchArtifact(artifact, what);
  const sealed = isObject(artifact.metadata) ? artifact.metadata[SEALED_CONTENT_KEY] : undefined;
  if (typeof sealed === 'string') {
    const content = await services.unsealArtifact(sealed);
    if (content === undefined) return { error: `The ${what} shows redacted Secret values; their real values are kept for the pipelines of the application that rendered them, and this run cannot read them` };
    return { bytes: Buffer.from(content, 'utf8') };
  }
  if (typeof artifact.reference !== 'string' || artifact.reference === '') return { error: `The ${what} is empty (its reference holds no base64 content)` };
  return { bytes: Buffer.from(artifact.reference, 'base64') };
}
