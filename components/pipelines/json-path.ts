import type { PathSegment } from './issue-paths';

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function getIn(value: unknown, path: readonly PathSegment[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof key === 'number') at = Array.isArray(at) ? at[key] : undefined;
    else at = isJsonObject(at) ? at[key] : undefined;
    if (at === undefined) return undefined;
  }
  return at;
}

/**
 * An immutable update: a copy of `value` with `next` at `path`, copying only the containers on the
 * way. `undefined` removes an object key (an absent optional field, as the config had it).
 */
export function setIn(value: unknown, path: readonly PathSegment[], next: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return next;
  if (typeof key === 'number') {
    const list = Array.isArray(value) ? [...value] : [];
    list[key] = setIn(list[key], rest, next);
    return list;
  }
  const object: JsonObject = isJsonObject(value) ? value : {};
  const child = setIn(object[key], rest, next);
  if (child !== undefined) return { ...object, [key]: child };
  const { [key]: _removed, ...others } = object;
  return others;
}

/** setIn for the document root, which stays an object. */
export function setInDoc(doc: JsonObject, path: readonly PathSegment[], next: unknown): JsonObject {
  const out = setIn(doc, path, next);
  return isJsonObject(out) ? out : doc;
}

/** A copy of the list at `path` with `update` applied (absent lists start empty). */
export function updateList(doc: JsonObject, path: readonly PathSegment[], update: (list: unknown[]) => unknown[]): JsonObject {
  const current = getIn(doc, path);
  return setInDoc(doc, path, update(Array.isArray(current) ? current : []));
}

/** Keys sorted, two-space indent: equal configs print the same, so diffs show only real changes. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isJsonObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v), 2);
}
