import 'server-only';
import { randomUUID } from 'node:crypto';
import { ZodError, type z } from 'zod';
import { getConfig } from './env';
import { formatPath, InputError, isDomainError, UnsupportedMediaTypeError } from './errors';
import { fieldName, issuesInWords, parseInput, sentenceOf } from './errors-in-words';
import { decodeUtf8, readRequestBody } from './limited-body';
import { getLogger, type Logger } from './log';
import { getMetrics } from './metrics';

export interface RouteContext<P> {
  req: Request;
  params: P;
  log: Logger;
  requestId: string;
}

type Handler<P> = (ctx: RouteContext<P>) => Promise<Response>;

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Wraps an API route handler: request id, structured access log, duration histogram, and the one
 * place where errors become responses. `route` is the pattern (e.g. `/api/v1/applications/[name]`)
 * so metrics do not explode with one label per URL.
 */
export function apiRoute<P extends Record<string, string | string[]> = Record<string, never>>(route: string, handler: Handler<P>) {
  return async (req: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    const incoming = req.headers.get('x-request-id');
    const requestId = incoming && requestIdPattern.test(incoming) ? incoming : randomUUID();
    const log = getLogger().child({ requestId });
    let response: Response;
    try {
      const params = await segment.params;
      refuseNulInUrl(req, params);
      response = await handler({ req, params, log, requestId });
    } catch (err) {
      response = toErrorResponse(err, log);
    }
    const seconds = (performance.now() - started) / 1000;
    getMetrics().httpDuration.observe({ method: req.method, route, status: String(response.status) }, seconds);
    log.info({ method: req.method, route, path: new URL(req.url).pathname, status: response.status, ms: Math.round(seconds * 1000) }, 'request');
    response.headers.set('x-request-id', requestId);
    return response;
  };
}

/**
 * A route parameter decoded once more, for clients (spin) that encode pipeline names twice; a value
 * that is not valid percent-encoding (a name with a literal `%`) is already what was meant.
 */
export function decodeSegment(value: string): string {
  try {
    const decoded = decodeURIComponent(value);
    // No stored name holds a NUL (PostgreSQL text cannot), so `%00` here was meant literally.
    return decoded.includes('\u0000') ? value : decoded;
  } catch {
    return value;
  }
}

export function json(body: unknown, init?: ResponseInit): Response {
  return Response.json(body, init);
}

export function toErrorResponse(err: unknown, log: Logger = getLogger()): Response {
  if (err instanceof ZodError) {
    const issues = issuesInWords(err);
    return json({ error: 'invalid_input', message: sentenceOf(issues), issues }, { status: 422 });
  }
  if (isDomainError(err)) {
    const issues = (err as Partial<InputError>).issues;
    // Refused input always carries machine-readable issues; one about no single field is about the whole request.
    const listed = Array.isArray(issues) && issues.length === 0 && err.status === 400 ? [{ path: '', message: err.message }] : issues;
    return json({ error: err.code, message: err.message, ...(Array.isArray(listed) ? { issues: listed } : {}) }, { status: err.status });
  }
  // Unexpected: log the error (never its request), answer without internals.
  log.error({ err }, 'unhandled error');
  return json({ error: 'internal', message: 'Something went wrong on the server; the request id identifies it in the logs' }, { status: 500 });
}

/**
 * Reads a JSON body with a size limit (counting bytes as they stream, so a missing or lying
 * Content-Length cannot bypass it) and validates it. Errors name the offending field in plain words
 * (lib/errors-in-words).
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, limit = getConfig().server.maxBodyBytes): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new UnsupportedMediaTypeError('application/json');
  const text = decodeUtf8(await readRequestBody(req, limit));
  if (text.trim() === '') throw new InputError('The request body is empty: send a JSON object', [{ path: '', message: 'is empty: send a JSON object' }]);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof SyntaxError ? err.message : 'unparseable';
    throw new InputError(`The request body is not valid JSON: ${detail}`, [{ path: '', message: `is not valid JSON: ${detail}` }]);
  }
  const unstorable = findUnstorableText(value);
  if (unstorable) throw new InputError(`${fieldName(unstorable.path)} ${unstorable.message}`, [unstorable]);
  return parseInput(schema, value);
}

// \u escapes JSON allows but PostgreSQL text and jsonb cannot hold: U+0000 and lone UTF-16 surrogates.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A name, id or value the database cannot store would fail there (a 500); find it up front and name
 * where it is. Iterative: bodies nest deeply.
 */
function findUnstorableText(root: unknown): { path: string; message: string } | undefined {
  const problem = (text: string) =>
    text.includes('\u0000') ? 'contains a NUL character (\\u0000), which Foresail cannot store' : LONE_SURROGATE.test(text) ? 'contains a lone surrogate (\\uD800–\\uDFFF), which is not text Foresail can store' : undefined;
  const stack: [unknown, PropertyKey[]][] = [[root, []]];
  while (stack.length > 0) {
    const [value, at] = stack.pop() ?? [undefined, []];
    if (typeof value === 'string') {
      const message = problem(value);
      if (message) return { path: formatPath(at), message };
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, [...at, i]]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const message = problem(key);
        if (message) return { path: formatPath([...at, key]), message };
        stack.push([item, [...at, key]]);
      }
    }
  }
  return undefined;
}

/** `params` is undefined for a route without dynamic segments (Next resolves it so). */
function refuseNulInUrl(req: Request, params: Record<string, string | string[]> | undefined): void {
  for (const [name, value] of Object.entries(params ?? {})) {
    if ([value].flat().some((part) => part.includes('\u0000'))) throw new InputError(`The ${name} in the URL contains a NUL character (%00)`, [{ path: name, message: 'contains a NUL character (%00)' }]);
  }
  for (const [name, value] of new URL(req.url).searchParams) {
    if (`${name}${value}`.includes('\u0000')) throw new InputError(`The query parameter ${name.replaceAll('\u0000', '%00')} contains a NUL character (%00)`, [{ path: name.replaceAll('\u0000', '%00'), message: 'contains a NUL character (%00)' }]);
  }
}
