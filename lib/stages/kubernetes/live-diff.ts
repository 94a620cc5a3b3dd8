import { withoutServerFields } from '../../kubernetes/metadata';
import { refOf, type KubeObject } from '../../kubernetes/types';
import { diffJson } from '../../pipeline/json-diff';
import type { ManifestChange, ManifestDiff } from '../../pipeline/stage-resources';

/** Stage outputs live in a database row the page loads whole: keep each diff small. */
export const MAX_CHANGES = 100;
const MAX_VALUE_CHARS = 500;

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
  const changes = diffJson(withoutServerFields(before), withoutServerFields(after));
  return {
    resource,
    created: false,
    changes: changes.slice(0, MAX_CHANGES).map((c): ManifestChange => ({ path: c.path, kind: c.kind, ...(c.kind !== 'added' ? { before: compact(c.before) } : {}), ...(c.kind !== 'removed' ? { after: compact(c.after) } : {}) })),
    truncated: changes.length > MAX_CHANGES,
  };
}
