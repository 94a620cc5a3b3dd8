import { z } from 'zod';
import { isExpression, mentionsExpression, type Expression } from './expression';

export interface NumberRules {
  integer?: boolean;
  min?: number;
  max?: number;
}

/**
 * Builds the fields whose type changes once expressions are evaluated. Saved config may hold a
 * `${…}` template anywhere a number, boolean or enum goes (`replicas: "${#toInt(parameters.n)}"`),
 * so `configKit` accepts one (X = Expression); `runKit` (X = never) is for stages the engine is
 * about to run, where a leftover template is an error. Stage schemas are written once as a function
 * of the kit and instantiated with both.
 *
 * Real exports are messy, so both kits read numbers written as strings ("5" → 5) and booleans
 * written as "true"/"false"; optional fields read null or "" as absent.
 */
export interface FieldKit<X> {
  number(rules?: NumberRules): z.ZodType<number | X>;
  optionalNumber(rules?: NumberRules): z.ZodOptional<z.ZodType<number | X | undefined>>;
  boolean(): z.ZodType<boolean | X>;
  optionalBoolean(): z.ZodOptional<z.ZodType<boolean | X | undefined>>;
  oneOf<const T extends string>(values: readonly [T, ...T[]], options?: EnumOptions): z.ZodType<T | X>;
  optionalOneOf<const T extends string>(values: readonly [T, ...T[]], options?: EnumOptions): z.ZodOptional<z.ZodType<T | X | undefined>>;
}

export interface EnumOptions {
  /** Accept any letter case and store the canonical spelling (HTTP methods arrive as "post"). */
  ignoreCase?: boolean;
  /**
   * Also ignore "-", "_" and spaces, so every spelling Deck has written over the years reads as the
   * canonical one ("second_newest", "secondNewest" and "second-newest" are one value).
   */
  ignoreSeparators?: boolean;
}

type Read<T> = { value: T } | { error: string };

const NUMERIC = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function readNumber(value: unknown, rules: NumberRules): Read<number> {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && NUMERIC.test(value.trim())) n = Number(value.trim());
  else return { error: rules.integer ? 'must be a whole number' : 'must be a number' };
  if (!Number.isFinite(n)) return { error: 'must be a finite number' };
  if (rules.integer && !Number.isInteger(n)) return { error: 'must be a whole number' };
  if (rules.min !== undefined && n < rules.min) return { error: `must be at least ${rules.min}` };
  if (rules.max !== undefined && n > rules.max) return { error: `must be at most ${rules.max}` };
  return { value: n };
}

function readBoolean(value: unknown): Read<boolean> {
  if (typeof value === 'boolean') return { value };
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return { value: true };
    if (lower === 'false') return { value: false };
  }
  return { error: 'must be true or false' };
}

function enumKey(value: string, options: EnumOptions | undefined): string {
  if (options?.ignoreSeparators) return value.toLowerCase().replace(/[-_\s]/g, '');
  return options?.ignoreCase ? value.toLowerCase() : value;
}

function readEnum<T extends string>(values: readonly T[], options: EnumOptions | undefined): (value: unknown) => Read<T> {
  const lookup = new Map<string, T>(values.map((v) => [enumKey(v, options), v]));
  const listed = values.map((v) => JSON.stringify(v)).join(', ');
  return (value) => {
    if (typeof value === 'string') {
      const found = lookup.get(enumKey(value.trim(), options));
      if (found !== undefined) return { value: found };
    }
    return { error: `must be one of ${listed}` };
  };
}

const isBlank = (value: unknown): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** What each kind of field reads before interpreting it (kept narrow so the JSON Schema says what is accepted). */
const accepted = {
  number: () => z.union([z.number(), z.string(), z.null()], { error: 'must be a number' }),
  boolean: () => z.union([z.boolean(), z.string(), z.null()], { error: 'must be true or false' }),
  text: () => z.union([z.string(), z.null()], { error: 'must be text' }),
};
type Accepted = ReturnType<(typeof accepted)[keyof typeof accepted]>;

function describeNumber(rules: NumberRules): string {
  const bounds = [rules.min !== undefined ? `at least ${rules.min}` : '', rules.max !== undefined ? `at most ${rules.max}` : ''].filter(Boolean).join(', ');
  return `${rules.integer ? 'whole number' : 'number'}${bounds ? ` (${bounds})` : ''}`;
}

function makeKit<X>(asExpression: (value: string) => X | undefined, leftover: string, accepts: string): FieldKit<X> {
  function field<T>(input: Accepted, read: (value: unknown) => Read<T>, description: string): z.ZodType<T | X> {
    return input
      .transform((value, ctx): T | X => {
        if (isBlank(value)) {
          ctx.addIssue({ code: 'custom', message: 'is required', input: value });
          return z.NEVER;
        }
        const result = resolve(read, value);
        if ('value' in result) return result.value;
        ctx.addIssue({ code: 'custom', message: result.error, input: value });
        return z.NEVER;
      })
      .meta({ description: `${description}${accepts}` });
  }
  function optionalField<T>(input: Accepted, read: (value: unknown) => Read<T>, description: string): z.ZodOptional<z.ZodType<T | X | undefined>> {
    return input
      .transform((value, ctx): T | X | undefined => {
        if (isBlank(value)) return undefined;
        const result = resolve(read, value);
        if ('value' in result) return result.value;
        ctx.addIssue({ code: 'custom', message: result.error, input: value });
        return z.NEVER;
      })
      .meta({ description: `${description}${accepts}` })
      .optional();
  }
  function resolve<T>(read: (value: unknown) => Read<T>, value: unknown): Read<T | X> {
    if (typeof value === 'string' && mentionsExpression(value)) {
      const expression = asExpression(value);
      return expression === undefined ? { error: leftover } : { value: expression };
    }
    return read(value);
  }
  return {
    number: (rules = {}) => field(accepted.number(), (v) => readNumber(v, rules), describeNumber(rules)),
    optionalNumber: (rules = {}) => optionalField(accepted.number(), (v) => readNumber(v, rules), describeNumber(rules)),
    boolean: () => field(accepted.boolean(), readBoolean, 'true or false'),
    optionalBoolean: () => optionalField(accepted.boolean(), readBoolean, 'true or false'),
    oneOf: (values, options) => field(accepted.text(), readEnum(values, options), `one of ${values.join(', ')}`),
    optionalOneOf: (values, options) => optionalField(accepted.text(), readEnum(values, options), `one of ${values.join(', ')}`),
  };
}

export const configKit: FieldKit<Expression> = makeKit(
  (value) => (isExpression(value) ? value : undefined),
  'has a ${ without a closing }',
  '; may be a ${…} expression',
);

export const runKit: FieldKit<never> = makeKit<never>(
  () => undefined,
  'still holds an unevaluated ${…} expression; it must evaluate to a value before the stage runs',
  '',
);

/** Pipeline-level, trigger and parameter fields: messy values are read, but expressions are not evaluated there. */
export const plainKit: FieldKit<never> = makeKit<never>(
  () => undefined,
  'cannot hold a ${…} expression here (only stage fields are evaluated)',
  '',
);

/** Optional field that also reads null as absent (Deck and old exports write nulls freely). */
export function opt<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();
}

/** Required text; emptiness is a validation finding, so half-filled editor forms still parse. */
export const text = () => z.string();

/** A refId: a string, though old exports hold numbers (compared as strings, as Orca does). */
export const refIdSchema = z
  .union([z.string(), z.number()], { error: 'must be text (a refId)' })
  .transform((value) => String(value));

export const stringListSchema = z.array(z.string());
export const objectSchema = z.record(z.string(), z.unknown());
