import path from 'node:path';

/**
 * What R5 asserts of every answer: no 5xx; no stack trace, internal path, driver message or secret
 * in the body; and every refusal of bad input (400, 422) says in plain words which field is wrong:
 * each of its `issues[]` has a path, or — for a rule about the request as a whole — a message that
 * names a field of the request, the body, a header or a URL parameter; never the schema library's
 * jargon.
 */
const root = path.resolve(import.meta.dirname, '..', '..');

const leakPatterns: [string, RegExp][] = [
  ['stack trace', /\bat (?:async )?[\w$.<>[\] ]+ \((?:file:\/\/|\/|node:)[^)]*:\d+:\d+\)|\n\s+at \S+ \(/],
  ['internal path', new RegExp(`${escape(root)}|/node_modules/|\\.next/server|file:///|webpack-internal:|turbopack:`)],
  ['driver or runtime message', /Prisma|PrismaClient|SQLSTATE|syntax error at or near|duplicate key value|violates (?:foreign key|unique) constraint|ECONNREFUSED|TypeError:|ReferenceError:|RangeError:|Cannot read properties of|is not a function|Maximum call stack/],
  ['schema library jargon', /Invalid input: expected|nonoptional|Unrecognized keys?:|Too (?:small|big): expected|Invalid string: must/],
];

/** Every key in a JSON value (the field names a request may have). */
export function fieldNames(value: unknown, into = new Set<string>()): string[] {
  if (Array.isArray(value)) for (const item of value) fieldNames(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      fieldNames(item, into);
    }
  }
  return [...into];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

export interface Verdict {
  serverError: boolean;
  leaks: string[];
  /** A 400/422 that does not name the field (or the body) in plain words; undefined when fine or not applicable. */
  unnamed?: string;
  invalidInput: boolean;
}

interface ErrorBody {
  message?: unknown;
  issues?: unknown;
}

/**
 * `sent` is what the request carried (text echoed back from it is not a leak); `fields` are the
 * names in the route's valid body, which a message about the whole request may name.
 */
export function judge(answer: Answer, sent: string, secrets: readonly string[], fields: readonly string[]): Verdict {
  const leaks: string[] = [];
  for (const [name, pattern] of leakPatterns) {
    const match = pattern.exec(answer.text);
    if (match && !sent.includes(match[0])) leaks.push(`${name}: ${JSON.stringify(match[0].slice(0, 80))}`);
  }
  for (const secret of secrets) if (secret && answer.text.includes(secret) && !sent.includes(secret)) leaks.push('a configured secret');
  const invalidInput = answer.status === 400 || answer.status === 422;
  return { serverError: answer.status >= 500, leaks, invalidInput, unnamed: invalidInput ? namesTheField(answer, fields) : undefined };
}

function namesTheField(answer: Answer, fields: readonly string[]): string | undefined {
  if (!answer.contentType.includes('json')) return `not JSON (${answer.contentType || 'no content type'})`;
  let body: ErrorBody;
  try {
    body = JSON.parse(answer.text) as ErrorBody;
  } catch {
    return 'unparseable JSON';
  }
  if (typeof body.message !== 'string' || body.message.trim() === '') return 'no message';
  if (!Array.isArray(body.issues) || body.issues.length === 0) return `no issues[] naming a field: ${body.message}`;
  for (const issue of body.issues as { path?: unknown; message?: unknown }[]) {
    if (typeof issue.message !== 'string' || issue.message.trim() === '') return 'an issue without a message';
    if (typeof issue.path !== 'string') return 'an issue without a path';
    const words = `${issue.message} ${body.message}`;
    const namesSomething = /\b(body|header|URL|path segment|query parameter)\b/i.test(words) || fields.some((field) => new RegExp(`\\b${escape(field)}\\b`).test(words));
    if (issue.path === '' && !namesSomething) return `an issue naming no field: ${issue.message}`;
  }
  return undefined;
}
