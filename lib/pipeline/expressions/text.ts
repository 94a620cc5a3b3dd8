import type { Budget } from './budget';
import { evaluationFailure, quote } from './failure';

/** Characters that make a Java regular expression more than literal text (`]` and `}` alone are literal). */
const REGEX_SPECIAL = '\\^$.|?*+()[{';

/**
 * Java's `String.split(regex, limit)` for separators that are literal text: plain characters, or
 * special characters escaped with a backslash (`'\.'`). Real patterns are refused rather than run:
 * user-written regular expressions can take exponential time.
 */
export function javaSplit(text: string, regex: string, limit: number, budget: Budget): string[] {
  const separator = literalFromRegex(regex);
  budget.scan(text.length);
  if (text.length === 0) return [''];
  const parts: string[] = [];
  const full = (): boolean => limit > 0 && parts.length === limit - 1;
  let rest = 0;
  if (separator === '') {
    // Since Java 8 the empty match at index 0 yields no leading empty string; code points stay whole.
    const chars = Array.from(text);
    for (const char of chars) {
      if (full()) break;
      budget.visit();
      parts.push(char);
      rest += char.length;
    }
    parts.push(text.slice(rest));
  } else {
    for (let at = text.indexOf(separator); at >= 0 && !full(); at = text.indexOf(separator, rest)) {
      budget.visit();
      parts.push(text.slice(rest, at));
      rest = at + separator.length;
    }
    if (parts.length === 0) return [text];
    parts.push(text.slice(rest));
  }
  // limit 0 (the default) drops trailing empty strings, as Java does.
  if (limit === 0) while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function literalFromRegex(regex: string): string {
  let literal = '';
  for (let i = 0; i < regex.length; i += 1) {
    const char = regex.charAt(i);
    if (char === '\\') {
      const next = regex.charAt(i + 1);
      if (next === '' || /[A-Za-z0-9]/.test(next)) throw regexRefused(regex);
      literal += next;
      i += 1;
    } else if (REGEX_SPECIAL.includes(char)) {
      throw regexRefused(regex);
    } else {
      literal += char;
    }
  }
  return literal;
}

function regexRefused(regex: string): Error {
  return evaluationFailure(
    `split(${quote(regex)}): Java reads the separator as a regular expression; Foresail accepts plain text or escaped characters such as '\\.' and '\\|'`,
  );
}

/** Java's `String.replace(target, replacement)`: every occurrence, literally (no `$1` patterns). */
export function replaceText(text: string, target: string, replacement: string, budget: Budget): string {
  budget.scan(text.length);
  let count = 0;
  if (target === '') {
    count = text.length + 1;
  } else {
    for (let at = text.indexOf(target); at >= 0; at = text.indexOf(target, at + target.length)) {
      budget.visit();
      count += 1;
    }
  }
  const length = text.length + count * (replacement.length - target.length);
  budget.checkLength(length);
  budget.scan(length);
  if (count === 0) return text;
  return target === '' ? text.replaceAll('', () => replacement) : text.split(target).join(replacement);
}
