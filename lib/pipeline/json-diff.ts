/**
 * Diffs for revision history: structural (which paths changed) and line-based over pretty JSON
 * (what the diff view shows). Pure and isomorphic.
 */
import { diffLines as diffLineTokens } from 'diff';

export interface JsonChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

export function diffJson(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: JsonChange[] = [];
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (i >= before.length) out.push({ path: join(path, i), kind: 'added', after: after[i] });
      else if (i >= after.length) out.push({ path: join(path, i), kind: 'removed', before: before[i] });
      else out.push(...diffJson(before[i], after[i], join(path, i)));
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const out: JsonChange[] = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      // Own keys only: `in` would find inherited names (toString, constructor) on every object.
      if (!Object.hasOwn(after, key)) out.push({ path: join(path, key), kind: 'removed', before: before[key] });
      else if (!Object.hasOwn(before, key)) out.push({ path: join(path, key), kind: 'added', after: after[key] });
      else out.push(...diffJson(before[key], after[key], join(path, key)));
    }
    return out;
  }
  return [{ path, kind: 'changed', before, after }];
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * The most lines added plus removed that are diffed inline. Myers' algorithm costs time that grows
 * with the square of the number of edits: 500 take about half a second on a busy 2-core machine,
 * 2,000 changed lines (4,000 edits) would freeze the browser. Past this the view says so instead.
 */
export const MAX_DIFF_EDITS = 500;

export type LineDiff = { kind: 'lines'; lines: DiffLine[] } | { kind: 'too-large'; maxEdits: number };

/** Line diff of two texts (split on "\n"), or `too-large` when more than `maxEdits` lines would be added or removed. */
export function diffLines(before: string, after: string, maxEdits = MAX_DIFF_EDITS): LineDiff {
  // Every line ends with "\n" here, so a last line without one still equals the same line elsewhere.
  const changes = diffLineTokens(`${before}\n`, `${after}\n`, { maxEditLength: maxEdits });
  if (!changes) return { kind: 'too-large', maxEdits };
  const lines: DiffLine[] = [];
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const text of change.value.slice(0, -1).split('\n')) lines.push({ kind, text });
  }
  return { kind: 'lines', lines };
}
