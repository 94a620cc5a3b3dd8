import type { Budget } from './budget';
import { evaluationFailure, quote } from './failure';
import { describeKind, entriesOf, isList, isRecord, kindOf, readItem } from './values';

/**
 * Conversions with Spring's and Java's rules, so text produced here matches what Orca would write:
 * - `convert`: Spring's conversion to String (text around `${…}`, `+` with a string, function
 *   arguments): a list joins its converted items with ",", anything else uses `toString`.
 * - `toString`: Java's `toString()`: `[a, b]` for lists, `{k=v, k2=[1, 2]}` for maps, null as "null".
 */
export type StringStyle = 'convert' | 'toString';

export function toText(value: unknown, style: StringStyle, budget: Budget): string {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string): void => {
    length += text.length;
    budget.checkLength(length);
    parts.push(text);
  };
  const write = (item: unknown, itemStyle: StringStyle, depth: number): void => {
    budget.checkDepth(depth);
    budget.visit();
    if (isList(item)) {
      if (itemStyle === 'convert') {
        for (let i = 0; i < item.length; i += 1) {
          if (i > 0) push(',');
          write(readItem(item, i), 'convert', depth + 1);
        }
        return;
      }
      push('[');
      for (let i = 0; i < item.length; i += 1) {
        if (i > 0) push(', ');
        write(readItem(item, i), 'toString', depth + 1);
      }
      push(']');
    } else if (isRecord(item)) {
      push('{');
      entriesOf(item, budget).forEach(([key, entry], i) => {
        push(i > 0 ? `, ${key}=` : `${key}=`);
        write(entry, 'toString', depth + 1);
      });
      push('}');
    } else {
      push(scalarText(item));
    }
  };
  write(value, style, 0);
  budget.scan(length);
  return parts.join('');
}

function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
      return String(value);
    default:
      if (value === null || value === undefined) return 'null';
      throw evaluationFailure(`${describeKind(value)} cannot be turned into text`);
  }
}

/** Jackson-style compact JSON, as Orca's `#toJson` writes it. */
export function toJson(value: unknown, budget: Budget): string {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string): void => {
    length += text.length;
    budget.checkLength(length);
    parts.push(text);
  };
  const write = (item: unknown, depth: number): void => {
    budget.checkDepth(depth);
    budget.visit();
    if (isList(item)) {
      push('[');
      for (let i = 0; i < item.length; i += 1) {
        if (i > 0) push(',');
        write(readItem(item, i), depth + 1);
      }
      push(']');
    } else if (isRecord(item)) {
      push('{');
      entriesOf(item, budget).forEach(([key, entry], i) => {
        push(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
        write(entry, depth + 1);
      });
      push('}');
    } else if (typeof item === 'string') {
      push(JSON.stringify(item));
    } else if (typeof item === 'number') {
      push(Number.isFinite(item) ? String(item) : 'null');
    } else if (typeof item === 'boolean') {
      push(String(item));
    } else if (item === null || item === undefined) {
      push('null');
    } else {
      throw evaluationFailure(`${describeKind(item)} cannot be written as JSON`);
    }
  };
  write(value, 0);
  budget.scan(length);
  return parts.join('');
}

/** SpEL `==`: numbers by value, strings and booleans exactly, lists and maps element by element, no coercion. */
export function valuesEqual(left: unknown, right: unknown, budget: Budget, depth = 0): boolean {
  budget.checkDepth(depth);
  budget.visit();
  const kind = kindOf(left);
  if (kind !== kindOf(right)) return false;
  if (isList(left) && isList(right)) {
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i += 1) {
      if (!valuesEqual(readItem(left, i), readItem(right, i), budget, depth + 1)) return false;
    }
    return true;
  }
  if (isRecord(left) && isRecord(right)) {
    const leftEntries = entriesOf(left, budget);
    const rightEntries = new Map(entriesOf(right, budget));
    if (leftEntries.length !== rightEntries.size) return false;
    return leftEntries.every(([key, value]) => rightEntries.has(key) && valuesEqual(value, rightEntries.get(key), budget, depth + 1));
  }
  if (kind === 'null') return true;
  if (typeof left === 'string' && typeof right === 'string') budget.scan(Math.min(left.length, right.length));
  return left === right;
}

/** SpEL ordering: null sorts before everything; numbers, strings and booleans compare within their own kind. */
export function compareValues(left: unknown, right: unknown, budget: Budget): number {
  if (left === null || left === undefined) return right === null || right === undefined ? 0 : -1;
  if (right === null || right === undefined) return 1;
  if (typeof left === 'number' && typeof right === 'number') return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left === 'string' && typeof right === 'string') {
    budget.scan(Math.min(left.length, right.length));
    return left < right ? -1 : left > right ? 1 : 0;
  }
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  throw evaluationFailure(`cannot compare ${describeKind(left)} with ${describeKind(right)}`);
}

/**
 * Operands of and/or/not and ternary conditions. Spring converts strings such as "true", "yes",
 * "on" or "1" (any case) to booleans; everything else is an error rather than a guess.
 */
export function toBooleanOperand(value: unknown, what: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'true' || word === 'on' || word === 'yes' || word === '1') return true;
    if (word === 'false' || word === 'off' || word === 'no' || word === '0') return false;
    throw evaluationFailure(`${what} must be true or false, but is the text ${quote(value)}`);
  }
  if (value === null || value === undefined) throw evaluationFailure(`${what} must be true or false, but is null`);
  throw evaluationFailure(`${what} must be true or false, but is ${describeKind(value)}`);
}
