/** Splits a string into literal text and `${…}` expressions, the way SpEL's TemplateParserContext does. */

export type TemplatePart =
  | { kind: 'text'; text: string }
  /** `raw` is `${…}` as written; `source` the text inside, which starts at `sourceStart` in the template. */
  | { kind: 'expression'; raw: string; source: string; start: number; sourceStart: number };

export interface TemplateScanError {
  offset: number;
  length: number;
  message: string;
  /** Where the `${` of the broken expression starts. */
  fragmentStart: number;
}

export type TemplateScan = { ok: true; parts: TemplatePart[] } | { ok: false; error: TemplateScanError };

const OPENER: Record<string, string> = { '}': '{', ']': '[', ')': '(' };
/** Bounds parsing work per string: each expression is parsed before any is evaluated. */
export const MAX_EXPRESSIONS_PER_STRING = 10_000;

/**
 * Like SpEL, the closing `}` is found by tracking brackets and skipping quoted strings, so
 * `${ {a: 1}['a'] }` and `${ 'a}b' }` work. Any imbalance fails the whole string: without knowing
 * where the expression ends, nothing after it can be trusted either.
 */
export function scanTemplate(template: string, maxInputChars: number): TemplateScan {
  const parts: TemplatePart[] = [];
  let textStart = 0;
  let count = 0;
  for (let open = template.indexOf('${'); open >= 0; open = template.indexOf('${', textStart)) {
    count += 1;
    if (count > MAX_EXPRESSIONS_PER_STRING) {
      return { ok: false, error: { offset: open, length: 2, message: `more than ${MAX_EXPRESSIONS_PER_STRING} expressions in one string`, fragmentStart: open } };
    }
    const end = findEnd(template, open, maxInputChars);
    if (typeof end !== 'number') return { ok: false, error: end };
    if (open > textStart) parts.push({ kind: 'text', text: template.slice(textStart, open) });
    parts.push({ kind: 'expression', raw: template.slice(open, end + 1), source: template.slice(open + 2, end), start: open, sourceStart: open + 2 });
    textStart = end + 1;
  }
  if (textStart < template.length) parts.push({ kind: 'text', text: template.slice(textStart) });
  return { ok: true, parts };
}

function findEnd(template: string, open: number, maxInputChars: number): number | TemplateScanError {
  const fail = (offset: number, length: number, message: string): TemplateScanError => ({ offset, length, message, fragmentStart: open });
  const stack: { char: string; at: number }[] = [];
  const from = open + 2;
  for (let i = from; i < template.length; i += 1) {
    if (i - from > maxInputChars) return fail(open, 2, `the expression starting here is longer than ${maxInputChars} characters`);
    const char = template.charAt(i);
    if (char === "'" || char === '"') {
      const close = template.indexOf(char, i + 1);
      if (close < 0) return fail(i, 1, 'this string is never closed');
      i = close;
    } else if (char === '{' || char === '[' || char === '(') {
      stack.push({ char, at: i });
    } else if (char === '}' || char === ']' || char === ')') {
      const top = stack.pop();
      if (!top) {
        if (char === '}') return i;
        return fail(i, 1, `'${char}' has no matching '${OPENER[char] ?? ''}'`);
      }
      if (top.char !== OPENER[char]) return fail(i, 1, `'${char}' does not match the '${top.char}' at position ${top.at}`);
    }
  }
  return fail(open, 2, "'${' has no closing '}'");
}
