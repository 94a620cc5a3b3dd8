import { diffJson } from '../../pipeline/json-diff';
import type { ManifestChange, ManifestDiff } from '../../pipeline/stage-resources';
import { refOf, type KubeObject } from '../../kubernetes/types';

/** Fields the apiserver or controllers write: they change on every apply and say nothing about the manifest. */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink'] as const;
const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'] as const;
/** Stage outputs live in a database row the page loads whole: keep each diff small. */
export const MAX_CHANGES = 100;
const MAX_VALUE_CHARS = 500;

const without = <T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([k]) => !keys.includes(k)));

function comparable(obj: KubeObject): Record<string, unknown> {
  const { status: _status, metadata = {}, ...rest } = obj;
  const annotations = without(metadata.annotations ?? {}, SERVER_ANNOTATIONS);
  const meta = without(metadata, [...SERVER_METADATA, 'annotations']);
  return { ...rest, metadata: Object.keys(annotations).length ? { ...meta, annotations } : meta };
}

/** A long value (a config map's file) is cut, so one change cannot blow the outputs up. */
function compact(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} characters)` : value;
}

/**
 * What an apply changed: the live object before against the object after, without server-written
 * fields (managedFields, resourceVersion, status…). `before` undefined means the apply created it.
 */
export function liveDiff(before: KubeObject | undefined, after: KubeObject): ManifestDiff {
  const { apiVersion: _v, ...resource } = refOf(after);
  if (!before) return { resource, created: true, changes: [], truncated: false };
  const changes = diffJson(comparable(before), comparable(after));
  return {
    resource,
    created: false,
    changes: changes.slice(0, MAX_CHANGES).map((c): ManifestChange => ({ path: c.path, kind: c.kind, ...(c.kind !== 'added' ? { before: compact(c.before) } : {}), ...(c.kind !== 'removed' ? { after: compact(c.after) } : {}) })),
    truncated: changes.length > MAX_CHANGES,
  };
}
