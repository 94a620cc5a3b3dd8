import type { BinaryNode, IndexNode, Node, ProjectNode, PropertyNode, SelectNode } from './ast';
import type { Budget } from './budget';
import { compareValues, toBooleanOperand, toText, valuesEqual } from './convert';
import { evaluationFailure, quote } from './failure';
import { callFunction } from './functions';
import { callMethod } from './methods';
import { FORBIDDEN_PROPERTY_NAMES } from './names';
import type { ExpressionHelpers } from './types';
import { createRecord, describeKind, entriesOf, isList, isRecord, readItem, readOwn } from './values';

/** `self` is SpEL's active context object: the root, or the element inside a selection or projection. */
interface Scope {
  root: unknown;
  self: unknown;
}

export interface Runtime {
  source: string;
  helpers: ExpressionHelpers;
  budget: Budget;
  /** The last missing key, so a null result can say what was missing rather than just "null". */
  missing?: string;
}

/** Evaluates a parsed expression over plain data. The tree's height was bounded by the parser. */
export function evaluate(node: Node, scope: Scope, rt: Runtime): unknown {
  rt.budget.step();
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'variable':
      return node.name === 'this' ? scope.self : scope.root;
    case 'property':
      return property(node, scope, rt);
    case 'index':
      return index(node, scope, rt);
    case 'method': {
      const target = node.target ? evaluate(node.target, scope, rt) : scope.self;
      if (target === null || target === undefined) return nullTarget(node.nullSafe, node.target, `${node.name}() cannot be called`, rt);
      const args = node.args.map((arg) => evaluate(arg, scope, rt));
      return callMethod(target, node.name, args, rt.budget);
    }
    case 'function':
      return callFunction(node.name, node.args.map((arg) => evaluate(arg, scope, rt)), rt.helpers, rt.budget);
    case 'select':
      return select(node, scope, rt);
    case 'project':
      return project(node, scope, rt);
    case 'unary': {
      const operand = evaluate(node.operand, scope, rt);
      if (node.op === '!') return !toBooleanOperand(operand, `the operand of ${quote(text(node, rt), 40)}`);
      if (typeof operand !== 'number') throw evaluationFailure(`${node.op} needs a number, not ${describeKind(operand)}`);
      return node.op === '-' ? -operand : operand;
    }
    case 'binary':
      return binary(node, evaluate(node.left, scope, rt), evaluate(node.right, scope, rt), rt);
    case 'logical': {
      const left = toBooleanOperand(evaluate(node.left, scope, rt), quote(text(node.left, rt), 40));
      if (node.op === 'and' ? !left : left) return left;
      return toBooleanOperand(evaluate(node.right, scope, rt), quote(text(node.right, rt), 40));
    }
    case 'ternary': {
      const condition = toBooleanOperand(evaluate(node.condition, scope, rt), `the condition ${quote(text(node.condition, rt), 40)}`);
      return evaluate(condition ? node.whenTrue : node.whenFalse, scope, rt);
    }
    case 'elvis': {
      // SpEL's Elvis treats the empty string like null.
      const value = evaluate(node.value, scope, rt);
      return value === null || value === undefined || value === '' ? evaluate(node.fallback, scope, rt) : value;
    }
    case 'list':
      return node.items.map((item) => evaluate(item, scope, rt));
    case 'map':
      return createRecord(node.entries.map(({ key, value }) => [mapKey(key, scope, rt), evaluate(value, scope, rt)] as const));
  }
}

function property(node: PropertyNode, scope: Scope, rt: Runtime): unknown {
  const target = node.target ? evaluate(node.target, scope, rt) : scope.self;
  if (target === null || target === undefined) return nullTarget(node.nullSafe, node.target, `.${node.name} cannot be read`, rt);
  if (isRecord(target)) return readKey(target, node.name, node.target, rt);
  throw evaluationFailure(`${subject(node.target, rt)} is ${describeKind(target)}, which has no property ${quote(node.name)}${propertyHint(target, node.name)}`);
}

function index(node: IndexNode, scope: Scope, rt: Runtime): unknown {
  const target = node.target ? evaluate(node.target, scope, rt) : scope.self;
  if (target === null || target === undefined) return nullTarget(node.nullSafe, node.target, 'it cannot be indexed', rt);
  const key = evaluate(node.index, scope, rt);
  if (isRecord(target)) {
    // SpEL would look up a number as an Integer key and find nothing in a JSON map; the string key is what people mean.
    if (typeof key === 'string' || typeof key === 'number') return readKey(target, String(key), node.target, rt);
    throw evaluationFailure(`a map key must be text, not ${describeKind(key)}`);
  }
  if (isList(target) || typeof target === 'string') {
    const position = typeof key === 'string' && /^-?\d{1,10}$/.test(key) ? Number(key) : key;
    if (typeof position !== 'number' || !Number.isInteger(position)) throw evaluationFailure(`a list index must be a whole number, not ${describeKind(key)}`);
    if (position < 0 || position >= target.length) {
      const size = isList(target) ? `${target.length} item${target.length === 1 ? '' : 's'}` : `${target.length} characters`;
      throw evaluationFailure(`index ${position} is out of range: ${subject(node.target, rt)} has ${size}`);
    }
    return typeof target === 'string' ? target.charAt(position) : readItem(target, position);
  }
  throw evaluationFailure(`${subject(node.target, rt)} is ${describeKind(target)} and cannot be indexed`);
}

/** Orca reads maps with allowUnknownKeys: a missing key is null, not an error. */
function readKey(record: Record<string, unknown>, key: string, owner: Node | null, rt: Runtime): unknown {
  if (FORBIDDEN_PROPERTY_NAMES.has(key)) throw evaluationFailure(`${quote(key)} is not allowed as a property name`);
  const { found, value } = readOwn(record, key);
  if (!found) rt.missing = owner ? `${text(owner, rt)} has no key ${quote(key)}` : `there is no variable or key ${quote(key)}`;
  return value;
}

function nullTarget(nullSafe: boolean, target: Node | null, consequence: string, rt: Runtime): null {
  if (nullSafe) return null;
  throw evaluationFailure(`${subject(target, rt)} is null or missing, so ${consequence} (use ?. to allow null)`);
}

function select(node: SelectNode, scope: Scope, rt: Runtime): unknown {
  const target = node.target ? evaluate(node.target, scope, rt) : scope.self;
  if (target === null || target === undefined) return nullTarget(node.nullSafe, node.target, 'nothing can be selected from it', rt);
  const matches = (element: unknown): boolean => {
    rt.budget.step();
    const verdict = evaluate(node.condition, { root: scope.root, self: element }, rt);
    if (typeof verdict !== 'boolean') throw evaluationFailure(`the selection condition ${quote(text(node.condition, rt), 40)} must be true or false, not ${describeKind(verdict)}`);
    return verdict;
  };
  if (isList(target)) {
    const kept: unknown[] = [];
    const count = target.length;
    for (let k = 0; k < count; k += 1) {
      const element = readItem(target, node.mode === 'last' ? count - 1 - k : k);
      if (!matches(element)) continue;
      if (node.mode !== 'all') return element;
      kept.push(element);
    }
    return node.mode === 'all' ? kept : null;
  }
  if (isRecord(target)) {
    const entries = entriesOf(target, rt.budget);
    if (node.mode === 'last') entries.reverse();
    const kept: [string, unknown][] = [];
    for (const [key, value] of entries) {
      if (!matches(createRecord([['key', key], ['value', value]]))) continue;
      kept.push([key, value]);
      if (node.mode !== 'all') break;
    }
    return node.mode !== 'all' && kept.length === 0 ? null : createRecord(kept);
  }
  throw evaluationFailure(`selection needs a list or a map, but ${subject(node.target, rt)} is ${describeKind(target)}`);
}

function project(node: ProjectNode, scope: Scope, rt: Runtime): unknown {
  const target = node.target ? evaluate(node.target, scope, rt) : scope.self;
  if (target === null || target === undefined) return nullTarget(node.nullSafe, node.target, 'it cannot be projected', rt);
  const each = (element: unknown): unknown => {
    rt.budget.step();
    return evaluate(node.expression, { root: scope.root, self: element }, rt);
  };
  if (isList(target)) {
    const out: unknown[] = [];
    for (let i = 0; i < target.length; i += 1) out.push(each(readItem(target, i)));
    return out;
  }
  if (isRecord(target)) return entriesOf(target, rt.budget).map(([key, value]) => each(createRecord([['key', key], ['value', value]])));
  throw evaluationFailure(`projection needs a list or a map, but ${subject(node.target, rt)} is ${describeKind(target)}`);
}

function binary(node: BinaryNode, left: unknown, right: unknown, rt: Runtime): unknown {
  const { budget } = rt;
  switch (node.op) {
    case '==':
      return valuesEqual(left, right, budget);
    case '!=':
      return !valuesEqual(left, right, budget);
    case '<':
      return compareValues(left, right, budget) < 0;
    case '<=':
      return compareValues(left, right, budget) <= 0;
    case '>':
      return compareValues(left, right, budget) > 0;
    case '>=':
      return compareValues(left, right, budget) >= 0;
    case '+':
      if (typeof left === 'number' && typeof right === 'number') return left + right;
      if (typeof left === 'string' || typeof right === 'string') {
        // SpEL converts the other operand with String.valueOf, so null becomes "null".
        const joined = [left, right].map((part) => (part === null || part === undefined ? 'null' : toText(part, 'convert', budget)));
        const length = (joined[0] ?? '').length + (joined[1] ?? '').length;
        budget.checkLength(length);
        budget.scan(length);
        return joined.join('');
      }
      break;
    default:
      if (typeof left === 'number' && typeof right === 'number') return arithmetic(node.op, left, right);
  }
  throw evaluationFailure(`${quote(text(node, rt), 40)}: ${node.op} does not work on ${describeKind(left)} and ${describeKind(right)}`);
}

/**
 * Java arithmetic: two whole numbers divide as ints (truncating, and failing on zero like
 * ArithmeticException); otherwise as doubles.
 */
function arithmetic(op: BinaryNode['op'], left: number, right: number): number {
  const whole = Number.isInteger(left) && Number.isInteger(right);
  switch (op) {
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      if (whole && right === 0) throw evaluationFailure('division by zero');
      return whole ? Math.trunc(left / right) : left / right;
    case '%':
      if (whole && right === 0) throw evaluationFailure('division by zero');
      return left % right;
    case '^':
      return left ** right;
    default:
      throw evaluationFailure(`unsupported operator ${op}`);
  }
}

function mapKey(key: string | Node, scope: Scope, rt: Runtime): string {
  if (typeof key === 'string') return key;
  const value = evaluate(key, scope, rt);
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw evaluationFailure(`a map key must be text, not ${describeKind(value)}`);
  }
  const name = String(value);
  if (FORBIDDEN_PROPERTY_NAMES.has(name)) throw evaluationFailure(`${quote(name)} is not allowed as a key`);
  return name;
}

function propertyHint(target: unknown, name: string): string {
  if (isList(target)) return `; pick an item with [0] or collect values with .![${name}]`;
  if (typeof target === 'string' && (name === 'length' || name === 'toString')) return `; call it as ${name}()`;
  return '';
}

function subject(node: Node | null, rt: Runtime): string {
  return node ? quote(text(node, rt), 60) : 'the current value';
}

function text(node: Node, rt: Runtime): string {
  return rt.source.slice(node.start, node.end);
}
