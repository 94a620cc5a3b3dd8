import type { Budget } from './budget';
import { compareValues, toText, valuesEqual } from './convert';
import { evaluationFailure, quote } from './failure';
import { BOOLEAN_METHODS, FORBIDDEN_PROPERTY_NAMES, LIST_METHODS, MAP_METHODS, NUMBER_METHODS, STRING_METHODS } from './names';
import { javaSplit, replaceText } from './text';
import { type DataRecord, describeKind, entriesOf, isList, isRecord, readItem, readOwn } from './values';

/**
 * The allow-listed Java methods, per value type, each implemented here: a name from an expression is
 * only ever a key into these tables, never a property looked up on a host object.
 */
interface Method<T> {
  arity: readonly number[];
  run(target: T, args: readonly unknown[], budget: Budget): unknown;
}
type Table<Names extends readonly string[], T> = Record<Names[number], Method<T>>;

const method = <T>(arity: readonly number[], run: Method<T>['run']): Method<T> => ({ arity, run });

const STRING_TABLE: Table<typeof STRING_METHODS, string> = {
  toString: method([0], (s) => s),
  length: method([0], (s) => s.length),
  isEmpty: method([0], (s) => s.length === 0),
  isBlank: method([0], (s, _args, budget) => (budget.scan(s.length), s.trim() === '')),
  // Java's trim() strips code units up to U+0020 only, not all Unicode whitespace.
  trim: method([0], (s, _args, budget) => {
    budget.scan(s.length);
    let start = 0;
    let end = s.length;
    while (start < end && s.charCodeAt(start) <= 32) start += 1;
    while (end > start && s.charCodeAt(end - 1) <= 32) end -= 1;
    return s.slice(start, end);
  }),
  toUpperCase: method([0], (s, _args, budget) => checked(s.toUpperCase(), s, budget)),
  toLowerCase: method([0], (s, _args, budget) => checked(s.toLowerCase(), s, budget)),
  contains: method([1], (s, [x], budget) => (budget.scan(s.length), s.includes(textArg(x, 'contains')))),
  startsWith: method([1], (s, [x]) => s.startsWith(textArg(x, 'startsWith'))),
  endsWith: method([1], (s, [x]) => s.endsWith(textArg(x, 'endsWith'))),
  indexOf: method([1], (s, [x], budget) => (budget.scan(s.length), s.indexOf(textArg(x, 'indexOf')))),
  lastIndexOf: method([1], (s, [x], budget) => (budget.scan(s.length), s.lastIndexOf(textArg(x, 'lastIndexOf')))),
  equals: method([1], (s, [x], budget) => typeof x === 'string' && valuesEqual(s, x, budget)),
  equalsIgnoreCase: method([1], (s, [x], budget) => typeof x === 'string' && (budget.scan(s.length), s.toLowerCase() === x.toLowerCase())),
  compareTo: method([1], (s, [x], budget) => compareValues(s, textArg(x, 'compareTo'), budget)),
  charAt: method([1], (s, [x]) => {
    const index = wholeNumberArg(x, 'charAt');
    if (index < 0 || index >= s.length) throw evaluationFailure(`charAt(${index}) is out of range for a string of length ${s.length}`);
    return s.charAt(index);
  }),
  substring: method([1, 2], (s, args, budget) => {
    const begin = wholeNumberArg(args[0], 'substring');
    const end = args.length > 1 ? wholeNumberArg(args[1], 'substring') : s.length;
    if (begin < 0 || end > s.length || begin > end) {
      throw evaluationFailure(`substring(${args.map(String).join(', ')}) is out of range for a string of length ${s.length}`);
    }
    budget.scan(end - begin);
    return s.slice(begin, end);
  }),
  replace: method([2], (s, [from, to], budget) => replaceText(s, textArg(from, 'replace'), textArg(to, 'replace'), budget)),
  split: method([1, 2], (s, args, budget) => javaSplit(s, textArg(args[0], 'split'), args.length > 1 ? wholeNumberArg(args[1], 'split') : 0, budget)),
  concat: method([1], (s, [x], budget) => {
    const tail = textArg(x, 'concat');
    budget.checkLength(s.length + tail.length);
    budget.scan(s.length + tail.length);
    return s + tail;
  }),
};

/** Java narrows a double by truncating and saturating; NaN becomes 0. (2^63 stands in for Long.MAX_VALUE, which a double cannot hold.) */
const narrow = (n: number, min: number, max: number): number => (Number.isNaN(n) ? 0 : Math.min(max, Math.max(min, Math.trunc(n))));

const NUMBER_TABLE: Table<typeof NUMBER_METHODS, number> = {
  toString: method([0], (n) => String(n)),
  intValue: method([0], (n) => narrow(n, -2_147_483_648, 2_147_483_647)),
  longValue: method([0], (n) => narrow(n, -(2 ** 63), 2 ** 63)),
  doubleValue: method([0], (n) => n),
  floatValue: method([0], (n) => n),
  equals: method([1], (n, [x]) => typeof x === 'number' && x === n),
};

const BOOLEAN_TABLE: Table<typeof BOOLEAN_METHODS, boolean> = {
  toString: method([0], (b) => String(b)),
  booleanValue: method([0], (b) => b),
  equals: method([1], (b, [x]) => x === b),
};

const LIST_TABLE: Table<typeof LIST_METHODS, readonly unknown[]> = {
  toString: method([0], (list, _args, budget) => toText(list, 'toString', budget)),
  size: method([0], (list) => list.length),
  isEmpty: method([0], (list) => list.length === 0),
  contains: method([1], (list, [x], budget) => indexOfItem(list, x, budget) >= 0),
  indexOf: method([1], (list, [x], budget) => indexOfItem(list, x, budget)),
  get: method([1], (list, [x]) => {
    const index = wholeNumberArg(x, 'get');
    if (index < 0 || index >= list.length) throw evaluationFailure(`get(${index}) is out of range for a list of ${list.length} items`);
    return readItem(list, index);
  }),
  equals: method([1], (list, [x], budget) => valuesEqual(list, x, budget)),
  subList: method([2], (list, [from, to], budget) => {
    const begin = wholeNumberArg(from, 'subList');
    const end = wholeNumberArg(to, 'subList');
    if (begin < 0 || end > list.length || begin > end) throw evaluationFailure(`subList(${begin}, ${end}) is out of range for a list of ${list.length} items`);
    const items: unknown[] = [];
    for (let i = begin; i < end; i += 1) {
      budget.visit();
      items.push(readItem(list, i));
    }
    return items;
  }),
};

const MAP_TABLE: Table<typeof MAP_METHODS, DataRecord> = {
  toString: method([0], (map, _args, budget) => toText(map, 'toString', budget)),
  size: method([0], (map, _args, budget) => entriesOf(map, budget).length),
  isEmpty: method([0], (map, _args, budget) => entriesOf(map, budget).length === 0),
  containsKey: method([1], (map, [key]) => readOwn(map, mapKeyArg(key, 'containsKey')).found),
  containsValue: method([1], (map, [x], budget) => entriesOf(map, budget).some(([, value]) => valuesEqual(value, x, budget))),
  get: method([1], (map, [key]) => readOwn(map, mapKeyArg(key, 'get')).value),
  getOrDefault: method([2], (map, [key, fallback]) => {
    const entry = readOwn(map, mapKeyArg(key, 'getOrDefault'));
    return entry.found ? entry.value : fallback;
  }),
  keySet: method([0], (map, _args, budget) => entriesOf(map, budget).map(([key]) => key)),
  values: method([0], (map, _args, budget) => entriesOf(map, budget).map(([, value]) => value)),
  equals: method([1], (map, [x], budget) => valuesEqual(map, x, budget)),
};

const STRINGS = new Map<string, Method<string>>(Object.entries(STRING_TABLE));
const NUMBERS = new Map<string, Method<number>>(Object.entries(NUMBER_TABLE));
const BOOLEANS = new Map<string, Method<boolean>>(Object.entries(BOOLEAN_TABLE));
const LISTS = new Map<string, Method<readonly unknown[]>>(Object.entries(LIST_TABLE));
const MAPS = new Map<string, Method<DataRecord>>(Object.entries(MAP_TABLE));

/** Calls an allow-listed method; `target` is never null here (the interpreter handles null first). */
export function callMethod(target: unknown, name: string, args: readonly unknown[], budget: Budget): unknown {
  budget.step();
  if (typeof target === 'string') return invoke(STRINGS, target, name, args, budget);
  if (typeof target === 'number') return invoke(NUMBERS, target, name, args, budget);
  if (typeof target === 'boolean') return invoke(BOOLEANS, target, name, args, budget);
  if (isList(target)) return invoke(LISTS, target, name, args, budget);
  if (isRecord(target)) return invoke(MAPS, target, name, args, budget);
  throw evaluationFailure(`${name}() cannot be called on ${describeKind(target)}`);
}

function invoke<T>(table: ReadonlyMap<string, Method<T>>, target: T, name: string, args: readonly unknown[], budget: Budget): unknown {
  const found = table.get(name);
  if (!found) throw evaluationFailure(`${name}() is not a method of ${describeKind(target)}${methodHint(name, target)}`);
  if (!found.arity.includes(args.length)) {
    throw evaluationFailure(`${name}() on ${describeKind(target)} takes ${found.arity.join(' or ')} argument(s), not ${args.length}`);
  }
  return found.run(target, args, budget);
}

function methodHint(name: string, target: unknown): string {
  if (typeof target === 'string' && ['intValue', 'longValue', 'doubleValue'].includes(name)) return '; use #toInt(…) or #toFloat(…) to read a number from text';
  if (typeof target === 'string' && name === 'size') return '; use length()';
  if ((isList(target) || isRecord(target)) && name === 'length') return '; use size()';
  return '';
}

function indexOfItem(list: readonly unknown[], item: unknown, budget: Budget): number {
  for (let i = 0; i < list.length; i += 1) {
    budget.visit();
    if (valuesEqual(readItem(list, i), item, budget)) return i;
  }
  return -1;
}

function checked(result: string, source: string, budget: Budget): string {
  budget.checkLength(result.length);
  budget.scan(source.length);
  return result;
}

/** Java would convert numbers and booleans to text for a String parameter; null is an error (NullPointerException). */
function textArg(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw evaluationFailure(`${name}() needs text, not ${describeKind(value)}`);
}

function wholeNumberArg(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw evaluationFailure(`${name}() needs a whole number, not ${typeof value === 'string' ? quote(value) : describeKind(value)}`);
}

function mapKeyArg(value: unknown, name: string): string {
  const key = textArg(value, name);
  if (FORBIDDEN_PROPERTY_NAMES.has(key)) throw evaluationFailure(`${quote(key)} is not allowed as a key`);
  return key;
}
