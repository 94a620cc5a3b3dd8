import 'server-only';

export type JsonPathSegment = string | number;

export type JsonPathRead = { found: true; value: unknown } | { found: false };

export class JsonPathSyntaxError extends Error {}

const NAME = /^[^.[\]\s'"]+/;

/**
 * Parses the JSONPath subset webhook stages use: `$.a.b[0].c`, `$['a-b']`, `[-1]` for the last
 * element, and a bare `a.b` (Jayway, which Orca uses, reads it as `$.a.b`). Wildcards, filters,
 * slices and `..` are rejected with a JsonPathSyntaxError rather than half-supported.
 */
export function parseJsonPath(path: string): JsonPathSegment[] {
  const text = path.trim();
  if (text === '') throw new JsonPathSyntaxError('is empty');
  let rest = text.startsWith('$') ? text.slice(1) : `.${text}`;
  const segments: JsonPathSegment[] = [];
  while (rest !== '') {
    if (rest.startsWith('..')) throw unsupported(path);
    if (rest.startsWith('.')) {
      const name = NAME.exec(rest.slice(1))?.[0];
      if (!name || name === '*') throw unsupported(path);
      segments.push(name);
      rest = rest.slice(1 + name.length);
      continue;
    }
    const bracket = /^\[\s*(?:(-?\d+)|'([^']*)'|"([^"]*)")\s*\]/.exec(rest);
    if (!bracket) throw unsupported(path);
    const [whole, index, single, double] = bracket;
    segments.push(index !== undefined ? Number(index) : (single ?? double ?? ''));
    rest = rest.slice(whole.length);
  }
  return segments;
}

function unsupported(path: string): JsonPathSyntaxError {
  return new JsonPathSyntaxError(`"${path}" is not a JSONPath Foresail reads (it supports paths like $.a.b[0].c)`);
}

/** Reads `path` from a parsed JSON document. */
export function readJsonPath(document: unknown, path: string): JsonPathRead {
  let current: unknown = document;
  for (const segment of parseJsonPath(path)) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return { found: false };
      const index = segment < 0 ? current.length + segment : segment;
      if (index < 0 || index >= current.length) return { found: false };
      current = current[index];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, segment)) return { found: false };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}
