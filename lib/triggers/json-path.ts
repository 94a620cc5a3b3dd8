/**
 * The small JSON path dialect of payload constraints: `a.b`, `a[0].c`, `a['dotted.key']`,
 * `a["x"]`, optionally starting with `$` or `$.`. No wildcards or filters: a constraint names one value.
 */

export type PathSegment = string | number;

export function parseJsonPath(path: string): { segments: PathSegment[] } | { error: string } {
  const segments: PathSegment[] = [];
  let rest = path.trim().replace(/^\$(?=\.|\[|$)/, '');
  if (rest.startsWith('.')) rest = rest.slice(1);
  let first = true;
  while (rest !== '') {
    const bracket = /^\[(?:(\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(rest);
    if (bracket) {
      const [whole, index, single, double] = bracket;
      segments.push(index !== undefined ? Number(index) : (single ?? double ?? '').replace(/\\(.)/g, '$1'));
      rest = rest.slice(whole.length);
    } else {
      const name = (first ? /^([^.[\]]+)/ : /^\.([^.[\]]+)/).exec(rest);
      if (!name?.[1]) return { error: `"${path}" is not a JSON path (expected a.b, a[0] or a['key'] at "${rest}")` };
      segments.push(name[1]);
      rest = rest.slice(name[0].length);
    }
    first = false;
  }
  return segments.length ? { segments } : { error: 'an empty JSON path names nothing' };
}

export type PathValue = { found: true; value: unknown } | { found: false };

export function readPath(root: unknown, segments: readonly PathSegment[]): PathValue {
  let current: unknown = root;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, segment)) return { found: false };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current === undefined ? { found: false } : { found: true, value: current };
}
