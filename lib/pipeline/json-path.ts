/**
 * The JSON path dialect of pipelines: webhook trigger payload constraints and the webhook stage's
 * status, progress and status-URL paths. The subset of Jayway's JSONPath (which Spinnaker uses) that
 * names one value: `$.a.b[0].c`, `$['a-b']["x.y"]`, `[-1]` for the last element, quotes escaped
 * with a backslash, and a bare `a.b` or `[0]` read as from the root (Jayway does the same). `$`
 * alone is the whole document. Wildcards, filters, slices and `..` are refused rather than
 * half-supported.
 */

export type JsonPathSegment = string | number;

export type JsonPathRead = { found: true; value: unknown } | { found: false };

export class JsonPathSyntaxError extends Error {}

/** A dotted name: anything up to the next dot or bracket. */
const NAME = /^[^.[\]]+/;
const BRACKET = /^\[\s*(?:(-?\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/;

export function parseJsonPath(path: string): JsonPathSegment[] {
  const text = path.trim();
  if (text === '') throw invalid(path);
  let rest = text.startsWith('$') ? text.slice(1) : text.startsWith('[') ? text : `.${text}`;
  const segments: JsonPathSegment[] = [];
  while (rest !== '') {
    if (rest.startsWith('..')) throw invalid(path);
    if (rest.startsWith('.')) {
      const name = NAME.exec(rest.slice(1))?.[0];
      if (!name || name.trim() === '*') throw invalid(path);
      segments.push(name);
      rest = rest.slice(1 + name.length);
      continue;
    }
    const bracket = BRACKET.exec(rest);
    if (!bracket) throw invalid(path);
    const [whole, index, single, double] = bracket;
    segments.push(index !== undefined ? Number(index) : (single ?? double ?? '').replace(/\\(.)/g, '$1'));
    rest = rest.slice(whole.length);
  }
  return segments;
}

function invalid(path: string): JsonPathSyntaxError {
  return new JsonPathSyntaxError(`"${path}" is not a JSON path Foresail reads (it supports paths like $.a.b[0].c, a.b and a['key'])`);
}

/** The value at `segments` in a parsed JSON document; a negative index counts from the end. Own properties only. */
export function readPath(document: unknown, segments: readonly JsonPathSegment[]): JsonPathRead {
  let current: unknown = document;
  for (const segment of segments) {
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
  return current === undefined ? { found: false } : { found: true, value: current };
}

/** Reads `path` from a parsed JSON document; throws JsonPathSyntaxError when `path` is not one. */
export function readJsonPath(document: unknown, path: string): JsonPathRead {
  return readPath(document, parseJsonPath(path));
}
