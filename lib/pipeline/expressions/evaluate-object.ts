import { toText } from './convert';
import { evaluateString } from './evaluate-template';
import { addIssue, createRun, reportFailure, type Run } from './run';
import type { EvaluationIssue, ExpressionContext } from './types';
import { createRecord, isRecord } from './values';

export interface EvaluateObjectOptions {
  /** Path of `value` itself, prefixed to issue paths, e.g. `stages[0].context`. */
  path?: string;
  /** Return true to copy the value at that path without evaluating it (e.g. `skipExpressionEvaluation`). */
  skipKeys?: (path: string) => boolean;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Orca's ExpressionTransform over a whole object: every string in it is evaluated as a template
 * (map keys too, as Orca does), producing a new value; the input is never mutated. Skipped subtrees
 * and non-string leaves are shared with the input, not copied. `T` describes the input; a lone
 * `${…}` may change a leaf's type (e.g. "${#toInt(parameters.n)}" becomes a number).
 */
export function evaluateObject<T>(value: T, ctx: ExpressionContext, options?: EvaluateObjectOptions): { value: T; summary: EvaluationIssue[] } {
  let run: Run | undefined;
  try {
    run = createRun(ctx);
    const result = walk(value, options?.path ?? '', 0, new Set(), run, options?.skipKeys);
    return { value: result as T, summary: run.issues };
  } catch (err) {
    const summary = run?.issues ?? [];
    if (run) reportFailure(run, options?.path ?? '', '', err);
    else summary.push({ path: options?.path ?? '', expression: '', kind: 'internal', message: 'the evaluation context is not usable' });
    return { value, summary };
  }
}

function walk(value: unknown, path: string, depth: number, ancestors: Set<object>, run: Run, skip: ((path: string) => boolean) | undefined): unknown {
  if (typeof value === 'string') return evaluateString(value, run, path);
  const isArray = Array.isArray(value);
  if (!isArray && !isRecord(value)) return value;
  if (depth > run.limits.maxDepth || ancestors.has(value)) {
    addIssue(run, { path, expression: '', kind: 'limit', message: ancestors.has(value) ? 'the value contains itself; it was left unevaluated' : `nested more than ${run.limits.maxDepth} levels deep; left unevaluated` });
    return value;
  }
  ancestors.add(value);
  const child = (item: unknown, childPath: string): unknown => (skip?.(childPath) ? item : walk(item, childPath, depth + 1, ancestors, run, skip));
  let result: unknown;
  if (isArray) {
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i += 1) items.push(child(ownValue(value, i), `${path}[${i}]`));
    result = items;
  } else {
    const entries: [string, unknown][] = [];
    for (const key of Object.keys(value)) {
      const keyPath = joinPath(path, key);
      const item = child(ownValue(value, key), keyPath);
      entries.push([skip?.(keyPath) ? key : evaluateKey(key, run, keyPath), item]);
    }
    result = createRecord(entries);
  }
  ancestors.delete(value);
  return result;
}

/** Orca evaluates map keys too; a key that does not evaluate to something textual stays as written. */
function evaluateKey(key: string, run: Run, path: string): string {
  if (!key.includes('${')) return key;
  const evaluated = evaluateString(key, run, path);
  if (typeof evaluated === 'string') return evaluated;
  try {
    return toText(evaluated, 'convert', run.budget);
  } catch (err) {
    reportFailure(run, path, key, err);
    return key;
  }
}

/** Reads through the descriptor: the input's getters, if any, are never called. */
function ownValue(container: object, key: string | number): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(container, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

function joinPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}
