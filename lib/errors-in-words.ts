import { z } from 'zod';
import { formatPath, ValidationError, type FieldIssue } from './errors';
import { helpAt, knownKeysAt, schemasAt, type FieldHelp } from './schema-at-path';

/**
 * The one place that turns zod's issues into plain words, for the API (lib/http), the pipeline
 * checks and the editor (isomorphic). A field's issue reads after its name ("is required", "must be
 * a list, not the text "x"") and ends with what to send, taken from the schema's own
 * `.meta({ description, examples })` (the same metadata the OpenAPI document shows):
 * `roles is required: a list of role names, e.g. ["release-managers"]`.
 */

/**
 * The problem in plain words, without the field's name; a schema's own message passes through.
 * Names the value received when the issue has its input (parse with `{ reportInput: true }`).
 */
export function describeZodIssue(issue: z.core.$ZodIssue): string {
  if (hasOwnMessage(issue)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(issue)) return 'is required';
      if (!('input' in issue)) return `must be ${noun(issue.expected)}`;
      if (issue.expected === 'int' && typeof issue.input === 'number') return 'must be a whole number';
      return `must be ${noun(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}`;
      return issue.inclusive === false ? `must be more than ${issue.minimum}` : `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} entries`;
      return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return `is not ${formatNoun(issue.format)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `has fields Foresail does not know: ${issue.keys.join(', ')}`;
    case 'invalid_key':
      return `has a key that is not allowed (${issue.issues.map(describeZodIssue).join('; ')})`;
    case 'invalid_element':
      return `has an entry that is not allowed (${issue.issues.map(describeZodIssue).join('; ')})`;
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue && issue.options) return `must be one of ${issue.options.map((v) => JSON.stringify(v)).join(', ')}`;
      return 'is not in a form Foresail understands';
    default:
      return 'is not valid here';
  }
}

/**
 * The issues of a failed parse, each naming its field and, when `schema` (the one that was parsed)
 * says so, what to send. Unknown fields become one issue each, at the unknown field's path. `prefix`
 * roots the paths where the parsed value sits in the request (e.g. `['canaryConfig']`).
 */
export function issuesInWords(error: z.core.$ZodError, schema?: z.core.$ZodType, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const at = schema ? schemasAt(schema, issue.path) : [];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(at);
      for (const key of issue.keys) {
        out.push({ path: formatPath([...prefix, ...issue.path, key]), message: known.length > 0 ? `is not a field here; the fields are ${known.join(', ')}` : 'is not a field Foresail knows here' });
      }
      continue;
    }
    // A schema's own message already says what to send.
    const words = describeZodIssue(issue);
    out.push({ path: formatPath([...prefix, ...issue.path]), message: hasOwnMessage(issue) ? words : withHelp(words, helpAt(at)) });
  }
  return out;
}

/** One sentence for people, naming each field: "roles is required: a list of role names, …; name must not be empty". */
export function sentenceOf(issues: readonly FieldIssue[]): string {
  if (issues.length === 0) return 'The request is not valid';
  const shown = issues.slice(0, 3).map((issue) => `${fieldName(issue.path)}${/^(is|are|must|has|have|cannot|should|needs?)\b/.test(issue.message) ? ' ' : ': '}${issue.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * Parses `value`, or throws a ValidationError (422) whose issues name each field in plain words;
 * `prefix` is where the value sits in the request.
 */
export function parseInput<S extends z.core.$ZodType>(schema: S, value: unknown, prefix: readonly PropertyKey[] = []): z.output<S> {
  const result = z.safeParse(schema, value, { reportInput: true });
  if (result.success) return result.data;
  const issues = issuesInWords(result.error, schema, prefix);
  throw new ValidationError(sentenceOf(issues), issues);
}

/** How the request body as a whole is named when an issue has no path. */
export function fieldName(path: string): string {
  return path === '' ? 'the request body' : path;
}

function withHelp(problem: string, help: FieldHelp): string {
  const example = help.example === undefined ? '' : `e.g. ${JSON.stringify(help.example)}`;
  if (help.description) return `${problem}: ${help.description}${example ? `, ${example}` : ''}`;
  return example ? `${problem}, ${example}` : problem;
}

function isMissing(issue: z.core.$ZodIssueInvalidType): boolean {
  if ('input' in issue) return issue.input === undefined;
  // Parsed without reportInput: zod's own message is the only witness.
  return issue.expected === 'nonoptional' || / received undefined$/.test(issue.message);
}

/** Not one of zod's default messages ("Invalid input: expected …", "Too small: …", "Unrecognized key: …"). */
function hasOwnMessage(issue: z.core.$ZodIssue): boolean {
  return issue.code !== 'unrecognized_keys' && !/^(Invalid|Unrecognized|Too (small|big))\b/.test(issue.message);
}

function noun(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'object':
    case 'record':
      return 'an object';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'null':
      return 'null';
    case 'date':
      return 'a date';
    default:
      return expected;
  }
}

function formatNoun(format: string): string {
  switch (format) {
    case 'email':
      return 'an email address';
    case 'url':
      return 'a URL';
    case 'datetime':
      return 'a date and time like "2026-01-31T12:00:00Z"';
    case 'date':
      return 'a date like "2026-01-31"';
    case 'uuid':
      return 'a UUID';
    default:
      return 'in the expected format';
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `the text "${value.slice(0, 40)}…"` : `the text "${value}"`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
