import type { KubeObject } from './types';

/**
 * What Foresail writes on the objects it applies, and what the apiserver and controllers write on
 * every object (bookkeeping): one definition for the deploy stages, the views that list an
 * application's objects, the dry run and the diffs.
 */

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const APPLICATION_ANNOTATION = 'foresail.dev/application';
/** The same key as a label, so an application's objects can be listed with a label selector. */
export const APPLICATION_LABEL = APPLICATION_ANNOTATION;

/** A manifest marked as applied by Foresail for `application` (labels to select by, an annotation to read). */
export function withApplicationLabels(manifest: KubeObject, application: string): KubeObject {
  const metadata = manifest.metadata ?? {};
  return { ...manifest, metadata: { ...metadata, labels: { ...metadata.labels, [MANAGED_BY_LABEL]: 'foresail', [APPLICATION_LABEL]: application }, annotations: { ...metadata.annotations, [APPLICATION_ANNOTATION]: application } } };
}

/** Metadata the apiserver maintains: it changes on every write and says nothing about the manifest. */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink'] as const;
/** Annotations kubectl and the deployment controller write. */
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'] as const;

const without = <T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));

/**
 * The object without `managedFields` (the apiserver's record of which manager set which field: large,
 * and noise wherever the object is stored or shown); everything else as the cluster returned it.
 */
export function withoutManagedFields(obj: KubeObject): KubeObject {
  const { managedFields: _managed, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata };
}

/**
 * The object as two versions of it are compared (dry runs, what an apply changed): without status,
 * the server's metadata and annotations, so only what a manifest can say remains.
 */
export function withoutServerFields(obj: KubeObject): KubeObject {
  const { status: _status, metadata = {}, ...rest } = obj;
  const annotations = without(metadata.annotations ?? {}, SERVER_ANNOTATIONS);
  const meta = without(metadata, [...SERVER_METADATA, 'annotations']);
  return { ...rest, metadata: Object.keys(annotations).length ? { ...meta, annotations } : meta };
}
