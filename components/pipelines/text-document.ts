import { isMap, isScalar, isSeq, parseDocument, stringify, type Node } from 'yaml';
import type { PathSegment } from './issue-paths';
import { isJsonObject, type JsonObject } from './json-path';

export type TextFormat = 'json' | 'yaml';

export interface TextProblem {
  message: string;
  line: number;
  column: number;
  /** Character offsets of the problem in the text. */
  start: number;
  end: number;
}

export interface TextRange {
  start: number;
  end: number;
}

export function serialize(value: unknown, format: TextFormat): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value, { lineWidth: 0 });
}

/** 1-based line and column of a character offset. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

function problemAt(text: string, message: string, start: number, end = start + 1): TextProblem {
  return { message, ...lineColumnOf(text, start), start, end: Math.max(end, start) };
}

function parseJson(text: string): { value?: unknown; problem?: TextProblem } {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const position = /at position (\d+)/.exec(raw);
    // V8 gives no position for an unexpected token; YAML's parser (JSON is YAML) finds where it is.
    const offset = position?.[1] !== undefined ? Number(position[1]) : (parseDocument(text, { prettyErrors: false }).errors[0]?.pos[0] ?? text.length);
    // V8 appends "in JSON at position N (line L column C)" or quotes the text; the problem carries its own line and column.
    const message = raw
      .replace(/\s*(in JSON )?at position \d+( \(line \d+ column \d+\))?/, '')
      .replace(/^(Unexpected token .*?), ".*$/s, '$1')
      .replace(/^(Unexpected token '.'), \.\.\..*$/s, '$1');
    return { problem: problemAt(text, message || 'Invalid JSON', offset) };
  }
}

function parseYaml(text: string): { value?: unknown; problem?: TextProblem } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) return { problem: problemAt(text, error.message.split('\n')[0] ?? error.message, error.pos[0], error.pos[1]) };
  return { value: doc.toJS({ maxAliasCount: 100 }) };
}

/**
 * Reads the text as a pipeline config: syntax problems with line and column, then "must be an
 * object". JSON is read strictly (YAML would accept trailing commas and comments).
 */
export function parseConfigText(text: string, format: TextFormat): { value?: JsonObject; problem?: TextProblem } {
  const { value, problem } = format === 'json' ? parseJson(text) : parseYaml(text);
  if (problem) return { problem };
  if (!isJsonObject(value)) return { problem: problemAt(text, 'The config must be an object ({…} in JSON, key: value lines in YAML)', 0, text.length) };
  return { value };
}

/** Any text (JSON or YAML, which includes JSON) as data, for imports. */
export function parseAnyText(text: string): { value?: unknown; problem?: TextProblem } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = parseJson(text);
    if (!json.problem) return json;
  }
  return parseYaml(text);
}

const rangeOf = (node: Node | null | undefined): TextRange | undefined => (node?.range ? { start: node.range[0], end: node.range[1] } : undefined);

/**
 * Where a validation path (`stages[3].waitTime`) is written in the text: the key and its value when
 * found, otherwise the nearest enclosing node that exists (a missing field selects its object).
 */
export function rangeOfPath(text: string, path: readonly PathSegment[]): TextRange | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  let node: unknown = doc.contents;
  let best = rangeOf(doc.contents);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      const value = pair.value as Node | null;
      best = { start: pair.key.range[0], end: value?.range?.[1] ?? pair.key.range[1] };
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      const range = rangeOf(item);
      if (!range) break;
      best = range;
      node = item;
    } else break;
  }
  return best;
}
