import 'server-only';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../kubernetes/types';
import { artifactBytes } from '../artifacts/content';
import type { ExecutionView, StageServices } from '../types';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The stage's manifests: inline (`source: text`), or from an artifact (`source: artifact`): embedded
 * (its sealed real content when it shows redacted Secrets) or fetched through an artifact account.
 */
export async function manifestsOf(
  execution: ExecutionView,
  config: { source?: string; manifests?: Loose[]; manifestArtifactId?: string; manifestArtifact?: Loose },
  services: StageServices,
): Promise<{ manifests: KubeObject[] } | { error: string }> {
  if (config.source !== 'artifact') return config.manifests?.length ? { manifests: config.manifests as KubeObject[] } : { error: 'The stage has no manifests to deploy' };
  let artifact = config.manifestArtifact;
  if (!artifact && config.manifestArtifactId) {
    const resolved = Array.isArray(execution.trigger.resolvedExpectedArtifacts) ? (execution.trigger.resolvedExpectedArtifacts as unknown[]).filter(isObject) : [];
    const bound = resolved.find((r) => r.id === config.manifestArtifactId)?.boundArtifact;
    if (!isObject(bound)) return { error: `The manifest artifact ${config.manifestArtifactId} did not bind to anything in this execution` };
    artifact = bound;
  }
  if (!artifact) return { error: 'The stage names no manifest artifact' };
  const content = await artifactBytes(artifact, 'manifest artifact', services);
  if ('error' in content) return content;
  const text = content.bytes.toString('utf8');
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
