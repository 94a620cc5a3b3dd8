import { quote, syntaxFailure } from './failure';

export type Operator =
  | '(' | ')' | '[' | ']' | '{' | '}' | ',' | ':' | '.' | '?.' | '?' | '?:'
  | '?[' | '^[' | '$[' | '!['
  | '#' | '@' | '&' | '=' | '++' | '--'
  | '+' | '-' | '*' | '/' | '%' | '^'
  | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '!';

interface Span {
  start: number;
  end: number;
}

export type Token =
  | (Span & { kind: 'number'; value: number })
  | (Span & { kind: 'string'; value: string })
  | (Span & { kind: 'ident'; name: string })
  | (Span & { kind: 'op'; op: Operator })
  | (Span & { kind: 'eof' });

/**
 * SpEL lexes these words as operators wherever they appear (so `a.ne` is an error there too);
 * `and`, `or`, `true`, `false`, `null`, `new` and `T` stay identifiers and are handled by the parser.
 */
const WORD_OPERATORS = new Map<string, Operator>([
  ['div', '/'], ['eq', '=='], ['ge', '>='], ['gt', '>'], ['le', '<='], ['lt', '<'], ['mod', '%'], ['ne', '!='], ['not', '!'],
]);

/** Longest match first. */
const SYMBOLS: readonly Operator[] = [
  '?.', '?:', '?[', '^[', '$[', '![', '++', '--', '==', '!=', '<=', '>=', '&&', '||',
  '(', ')', '[', ']', '{', '}', ',', ':', '.', '?', '#', '@', '&', '=', '+', '-', '*', '/', '%', '^', '<', '>', '!',
];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** Splits SpEL source into tokens; throws a syntax failure at the first character it cannot read. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (isSpace(c)) {
      i += 1;
    } else if (isDigit(c)) {
      i = readNumber(source, i, tokens);
    } else if (c === 39 || c === 34) {
      i = readString(source, i, tokens);
    } else if (isIdentStart(c) && !(c === 36 && source.charCodeAt(i + 1) === 91)) {
      let end = i + 1;
      while (end < source.length && isIdentPart(source.charCodeAt(end))) end += 1;
      const name = source.slice(i, end);
      const op = WORD_OPERATORS.get(name.toLowerCase());
      tokens.push(op ? { kind: 'op', op, start: i, end } : { kind: 'ident', name, start: i, end });
      i = end;
    } else {
      const op = SYMBOLS.find((symbol) => source.startsWith(symbol, i));
      if (!op) throw syntaxFailure(`unexpected character ${describeChar(source, i)}`, i, 1);
      tokens.push({ kind: 'op', op, start: i, end: i + op.length });
      i += op.length;
    }
  }
  tokens.push({ kind: 'eof', start: source.length, end: source.length });
  return tokens;
}

function readNumber(source: string, start: number, tokens: Token[]): number {
  let i = start;
  let value: number;
  if (source.charCodeAt(i) === 48 && (source[i + 1] === 'x' || source[i + 1] === 'X')) {
    i += 2;
    const digitsStart = i;
    while (i < source.length && isHexDigit(source.charCodeAt(i))) i += 1;
    if (i === digitsStart) throw syntaxFailure('a hexadecimal number needs digits after 0x', start, i - start);
    value = Number.parseInt(source.slice(digitsStart, i), 16);
    if (source[i] === 'L' || source[i] === 'l') i += 1;
  } else {
    while (i < source.length && isDigit(source.charCodeAt(i))) i += 1;
    // `1.toString()` is a method call on 1, so the dot belongs to the number only when a digit follows.
    if (source[i] === '.' && isDigit(source.charCodeAt(i + 1))) {
      i += 1;
      while (i < source.length && isDigit(source.charCodeAt(i))) i += 1;
    }
    if (source[i] === 'e' || source[i] === 'E') {
      let j = i + 1;
      if (source[j] === '+' || source[j] === '-') j += 1;
      if (!isDigit(source.charCodeAt(j))) throw syntaxFailure('a number has an exponent without digits', start, j - start);
      while (j < source.length && isDigit(source.charCodeAt(j))) j += 1;
      i = j;
    }
    value = Number(source.slice(start, i));
    if ('lLfFdD'.includes(source[i] ?? ' ')) i += 1;
  }
  if (i < source.length && isIdentPart(source.charCodeAt(i))) {
    throw syntaxFailure(`${quote(source.slice(start, i + 1))} is not a valid number`, start, i + 1 - start);
  }
  if (!Number.isFinite(value)) throw syntaxFailure('the number is too large', start, i - start);
  tokens.push({ kind: 'number', value, start, end: i });
  return i;
}

/** SpEL strings have no backslash escapes: a quote is written twice (`'it''s'`, `"say ""hi"""`). */
function readString(source: string, start: number, tokens: Token[]): number {
  const quoteChar = source[start] ?? "'";
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = source.indexOf(quoteChar, i);
    if (close < 0) throw syntaxFailure('this string is never closed', start, source.length - start);
    value += source.slice(i, close);
    if (source[close + 1] === quoteChar) {
      value += quoteChar;
      i = close + 2;
    } else {
      tokens.push({ kind: 'string', value, start, end: close + 1 });
      return close + 1;
    }
  }
}

function describeChar(source: string, index: number): string {
  const code = source.codePointAt(index) ?? 0;
  const char = String.fromCodePoint(code);
  return code < 32 || code === 127 ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `'${char}'`;
}
