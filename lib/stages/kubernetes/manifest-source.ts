import 'server-only';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../kubernetes/types';
import type { ExecutionView } from '../types';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stage's manifests: inline (`source: text`), or from an embedded/base64 artifact (`source: artifact`). */
export function manifestsOf(
  execution: ExecutionView,
  config: { source?: string; manifests?: Loose[]; manifestArtifactId?: string; manifestArtifact?: Loose },
): { manifests: KubeObject[] } | { error: string } {
  if (config.source !== 'artifact') return config.manifests?.length ? { manifests: config.manifests as KubeObject[] } : { error: 'The stage has no manifests to deploy' };
  let artifact = config.manifestArtifact;
  if (!artifact && config.manifestArtifactId) {
    const resolved = Array.isArray(execution.trigger.resolvedExpectedArtifacts) ? (execution.trigger.resolvedExpectedArtifacts as unknown[]).filter(isObject) : [];
    const bound = resolved.find((r) => r.id === config.manifestArtifactId)?.boundArtifact;
    if (!isObject(bound)) return { error: `The manifest artifact ${config.manifestArtifactId} did not bind to anything in this execution` };
    artifact = bound;
  }
  if (!artifact) return { error: 'The stage names no manifest artifact' };
  // Fetching from artifact accounts (GitHub, S3, HTTP) needs credentials this Foresail does not hold yet.
  if (artifact.type !== 'embedded/base64' || typeof artifact.reference !== 'string') {
    return { error: `Manifest artifacts of type ${String(artifact.type ?? 'unknown')} are not supported yet; use embedded/base64 or inline manifests` };
  }
  const text = Buffer.from(artifact.reference, 'base64').toString('utf8');
  const docs = parseAllDocuments(text);
  const manifests: KubeObject[] = [];
  for (const [i, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
    if (doc.errors.length) return { error: `The manifest artifact's document ${i + 1} is not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}` };
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    // A List (kubectl's `kind: List`) is its items.
    if (isObject(value) && value.kind === 'List' && Array.isArray(value.items)) manifests.push(...(value.items.filter(isObject) as KubeObject[]));
    else if (isObject(value)) manifests.push(value as KubeObject);
    else return { error: `The manifest artifact's document ${i + 1} is not an object` };
  }
  return manifests.length ? { manifests } : { error: 'The manifest artifact holds no manifests' };
}
