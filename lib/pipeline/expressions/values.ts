import type { Budget } from './budget';
import { evaluationFailure } from './failure';

/**
 * The data model expressions see: JSON-like values only. Reads go through own-property descriptors,
 * so prototypes, getters and anything inherited stay invisible, and no property is ever looked up
 * on a host object by a user-supplied name.
 */
export type ValueKind = 'null' | 'string' | 'number' | 'boolean' | 'list' | 'map' | 'unsupported';
export type DataRecord = Record<string, unknown>;

export function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object': {
      if (Array.isArray(value)) return 'list';
      const proto: unknown = Object.getPrototypeOf(value);
      return proto === Object.prototype || proto === null ? 'map' : 'unsupported';
    }
    default:
      return 'unsupported';
  }
}

export function isRecord(value: unknown): value is DataRecord {
  return kindOf(value) === 'map';
}

export function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

const KIND_NAMES: Record<ValueKind, string> = {
  null: 'null', string: 'a string', number: 'a number', boolean: 'a boolean', list: 'a list', map: 'a map', unsupported: 'a value that is not plain data',
};

/** "a string", "a list", … for messages. */
export function describeKind(value: unknown): string {
  return KIND_NAMES[kindOf(value)];
}

/** Own enumerable data property, or `found: false`. Accessors are treated as absent, never called. */
export function readOwn(record: DataRecord, key: string): { found: boolean; value: unknown } {
  if (!Object.hasOwn(record, key)) return { found: false, value: null };
  const descriptor = Object.getOwnPropertyDescriptor(record, key);
  if (!descriptor || !descriptor.enumerable || !('value' in descriptor)) return { found: false, value: null };
  return { found: true, value: checkData(descriptor.value, key) };
}

export function readItem(list: readonly unknown[], index: number): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(list, index);
  return descriptor && 'value' in descriptor ? checkData(descriptor.value, `[${index}]`) : null;
}

/** Keys and values of a map, in the map's own order; only enumerable data properties. Charged per key. */
export function entriesOf(record: DataRecord, budget: Budget): [string, unknown][] {
  const entries: [string, unknown][] = [];
  const keys = Object.keys(record);
  budget.step(1 + (keys.length >> 3));
  for (const key of keys) {
    const { found, value } = readOwn(record, key);
    if (found) entries.push([key, value]);
  }
  return entries;
}

function checkData(value: unknown, where: string): unknown {
  if (value === undefined) return null;
  if (kindOf(value) === 'unsupported') {
    throw evaluationFailure(`${where} holds ${typeof value === 'function' ? 'a function' : 'a value that is not plain data'}, which expressions cannot use`);
  }
  return value;
}

/** Builds a map without assignment, so a key like `__proto__` becomes a plain own property. */
export function createRecord(entries: Iterable<readonly [string, unknown]>): DataRecord {
  const record: DataRecord = {};
  for (const [key, value] of entries) {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return record;
}

/**
 * Copies a value handed back to the caller into fresh plain data, so a result never aliases the
 * caller's variables and never carries a function, accessor or foreign prototype. Charged per node:
 * an expression can build a list that holds the same list twice, many levels deep, and copying that
 * would otherwise take exponential time.
 */
export function cloneData(value: unknown, budget: Budget, depth = 0): unknown {
  budget.checkDepth(depth);
  budget.visit();
  if (isList(value)) {
    const copy: unknown[] = [];
    for (let i = 0; i < value.length; i += 1) copy.push(cloneData(readItem(value, i), budget, depth + 1));
    return copy;
  }
  if (isRecord(value)) return createRecord(entriesOf(value, budget).map(([key, item]) => [key, cloneData(item, budget, depth + 1)] as const));
  if (kindOf(value) === 'unsupported') throw evaluationFailure('the result is not plain data');
  return value ?? null;
}
