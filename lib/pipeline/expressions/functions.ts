import { decodeBase64, encodeBase64 } from './base64';
import type { Budget } from './budget';
import { toJson, toText } from './convert';
import { evaluationFailure, quote } from './failure';
import { readJson } from './read-json';
import type { ExpressionHelpers } from './types';
import { describeKind, isRecord } from './values';

type Run = (args: readonly unknown[], helpers: ExpressionHelpers, budget: Budget) => unknown;

/**
 * Orca's `#` helper functions (kork ExpressionsSupport and Orca's pipeline functions), with its
 * conversions: String parameters accept numbers and booleans as text, and null is an error except
 * where Java accepts it (`Boolean.valueOf(null)` is false). Names and argument counts are checked by
 * the parser against names.ts before anything runs.
 */
const FUNCTIONS = new Map<string, Run>([
  ['stage', ([name], helpers) => {
    const key = textParam(name, 'stage');
    return lookup(() => helpers.stage(key), `#stage(${quote(key)})`) ?? fail(`there is no stage named ${quote(key)}`);
  }],
  ['stageByRefId', ([refId], helpers) => {
    const key = textParam(refId, 'stageByRefId');
    const find = helpers.stageByRefId;
    if (!find) return unavailable('stageByRefId');
    return lookup(() => find(key), `#stageByRefId(${quote(key)})`) ?? fail(`there is no stage with refId ${quote(key)}`);
  }],
  ['stageExists', ([name], helpers) => {
    const key = textParam(name, 'stageExists');
    return lookup(() => helpers.stage(key), `#stageExists(${quote(key)})`) !== undefined;
  }],
  ['judgment', ([name], helpers) => judgment(name, helpers, 'judgment')],
  ['judgement', ([name], helpers) => judgment(name, helpers, 'judgement')],
  ['pipelineId', ([name], helpers) => pipelineId(name, helpers, 'pipelineId') ?? fail(`there is no pipeline named ${quote(textParam(name, 'pipelineId'))} in this application`)],
  ['pipelineIdOrNull', ([name], helpers) => pipelineId(name, helpers, 'pipelineIdOrNull') ?? null],
  ['triggerResolvedArtifact', ([name], helpers) => {
    const key = textParam(name, 'triggerResolvedArtifact');
    const find = helpers.triggerResolvedArtifact;
    if (!find) return unavailable('triggerResolvedArtifact');
    return lookup(() => find(key), `#triggerResolvedArtifact(${quote(key)})`) ?? fail(`the trigger has no resolved artifact named ${quote(key)}`);
  }],
  ['triggerResolvedArtifactByType', ([type], helpers) => {
    const key = textParam(type, 'triggerResolvedArtifactByType');
    const find = helpers.triggerResolvedArtifactByType;
    if (!find) return unavailable('triggerResolvedArtifactByType');
    return lookup(() => find(key), `#triggerResolvedArtifactByType(${quote(key)})`) ?? fail(`the trigger has no resolved artifact of type ${quote(key)}`);
  }],
  ['currentUser', (_args, helpers) => {
    const find = helpers.currentUser;
    return find ? (lookup(() => find(), '#currentUser()') ?? null) : null;
  }],
  ['toInt', ([value]) => parseJavaInt(textParam(value, 'toInt'))],
  ['toFloat', ([value]) => parseJavaFloat(textParam(value, 'toFloat'))],
  ['toBoolean', ([value]) => value !== null && value !== undefined && textParam(value, 'toBoolean').toLowerCase() === 'true'],
  ['toJson', ([value], _helpers, budget) => {
    const json = toJson(value, budget);
    // Orca refuses this too: the JSON would be evaluated again wherever it is pasted.
    if (json.includes('${')) return fail('#toJson: the result would contain an expression (${)');
    return json;
  }],
  ['toBase64', ([value], _helpers, budget) => {
    const text = textParam(value, 'toBase64', budget);
    budget.scan(text.length * 4);
    const encoded = encodeBase64(text);
    budget.checkLength(encoded.length);
    return encoded;
  }],
  ['fromBase64', ([value], _helpers, budget) => {
    const text = textParam(value, 'fromBase64', budget);
    budget.scan(text.length);
    return decodeBase64(text) ?? fail(`#fromBase64: ${quote(text, 40)} is not valid base64`);
  }],
  ['alphanumerical', ([value], _helpers, budget) => {
    const text = textParam(value, 'alphanumerical', budget);
    budget.scan(text.length);
    let kept = '';
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) kept += text.charAt(i);
    }
    return kept;
  }],
  ['readJson', ([value], _helpers, budget) => readJson(textParam(value, 'readJson', budget), budget)],
]);

export function callFunction(name: string, args: readonly unknown[], helpers: ExpressionHelpers, budget: Budget): unknown {
  budget.step();
  const run = FUNCTIONS.get(name);
  if (!run) return fail(`#${name}() is not a known function`);
  return run(args, helpers, budget);
}

function judgment(name: unknown, helpers: ExpressionHelpers, alias: string): unknown {
  const key = textParam(name, alias);
  const find = helpers.judgment;
  if (!find) return unavailable(alias);
  return lookup(() => find(key), `#${alias}(${quote(key)})`) ?? null;
}

function pipelineId(name: unknown, helpers: ExpressionHelpers, alias: string): unknown {
  const key = textParam(name, alias);
  const find = helpers.pipelineId;
  if (!find) return unavailable(alias);
  return lookup(() => find(key), `#${alias}(${quote(key)})`);
}

/** Calls a caller-supplied helper; its errors and non-data results become evaluation failures. */
function lookup<T>(call: () => T | undefined, label: string): T | undefined {
  let result: T | undefined;
  try {
    result = call();
  } catch (err) {
    return fail(`${label} failed: ${err instanceof Error ? err.message : 'unknown error'}`);
  }
  if (result === undefined || result === null) return undefined;
  if (typeof result !== 'string' && !isRecord(result)) return fail(`${label} returned something that is not plain data`);
  return result;
}

/** Java String parameter: numbers and booleans become text; lists and maps use Java's toString. */
function textParam(value: unknown, name: string, budget?: Budget): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return fail(`#${name}() needs a value, but got null`);
  if (budget) return toText(value, 'convert', budget);
  return fail(`#${name}() needs text, not ${describeKind(value)}`);
}

/** `Integer.valueOf`: optional sign and decimal digits only, within the int range. */
function parseJavaInt(text: string): number {
  if (!/^[+-]?\d{1,10}$/.test(text)) return fail(`#toInt: ${quote(text, 40)} is not a whole number`);
  const value = Number(text);
  if (value > 2_147_483_647 || value < -2_147_483_648) return fail(`#toInt: ${quote(text, 40)} is outside the int range`);
  return value;
}

/** `Float.valueOf`: Java trims spaces and control characters and accepts an f/d suffix, NaN and Infinity. */
function parseJavaFloat(text: string): number {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) start += 1;
  while (end > start && text.charCodeAt(end - 1) <= 32) end -= 1;
  const trimmed = text.slice(start, end);
  if (trimmed.length > 400) return fail('#toFloat: the text is too long to be a number');
  const match = /^([+-]?)(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/.exec(trimmed);
  if (!match) return fail(`#toFloat: ${quote(text, 40)} is not a number`);
  const magnitude = match[2] === 'NaN' ? Number.NaN : match[2] === 'Infinity' ? Number.POSITIVE_INFINITY : Number(match[2]);
  return match[1] === '-' ? -magnitude : magnitude;
}

function unavailable(name: string): never {
  return fail(`#${name}() is not available here`);
}

function fail(message: string): never {
  throw evaluationFailure(message);
}
