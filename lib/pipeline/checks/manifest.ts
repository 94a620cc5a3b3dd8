import type { Report } from '../issues';
import { isExpression } from '../schema/expression';

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An inline Kubernetes object needs apiVersion, kind and a name before a cluster will take it. */
export function checkManifestObject(manifest: Record<string, unknown>, report: Report): void {
  if (!isText(manifest.apiVersion)) report(['apiVersion'], 'the manifest needs an apiVersion');
  if (!isText(manifest.kind)) report(['kind'], 'the manifest needs a kind');
  const metadata = manifest.metadata;
  if (!isRecord(metadata)) {
    report(['metadata'], 'the manifest needs metadata with a name');
    return;
  }
  if (!isText(metadata.name) && !isText(metadata.generateName)) report(['metadata', 'name'], 'the manifest needs a name');
  // Foresail redacts Secret values from what stages store, but a value written into the pipeline is pipeline config.
  const hasValues = (field: unknown) => isRecord(field) && Object.values(field).some((v) => isText(v) && !isExpression(v));
  if (manifest.kind === 'Secret' && (hasValues(manifest.data) || hasValues(manifest.stringData))) {
    report(['kind'], 'is a Secret with its values written into the pipeline, where everyone who may read the application sees them; create the Secret in the cluster outside Foresail (by hand, or with an external-secrets operator) and refer to it by name', 'warning');
  }
}

/** Kind of an inline manifest, when it is plain text (not an expression). */
export function manifestKind(manifest: Record<string, unknown>): string | undefined {
  return isText(manifest.kind) && !isExpression(manifest.kind) ? manifest.kind : undefined;
}
