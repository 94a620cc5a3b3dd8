import 'server-only';
import { randomUUID } from 'node:crypto';
import { ZodError, type z } from 'zod';
import { getConfig } from './env';
import { formatPath, InputError, isDomainError, UnsupportedMediaTypeError } from './errors';
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
      response = await handler({ req, params: await segment.params, log, requestId });
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

export function json(body: unknown, init?: ResponseInit): Response {
  return Response.json(body, init);
}

export function toErrorResponse(err: unknown, log: Logger = getLogger()): Response {
  if (err instanceof ZodError) {
    const issues = err.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
    return json({ error: 'invalid_input', message: summarise(issues), issues }, { status: 422 });
  }
  if (isDomainError(err)) {
    const issues = (err as Partial<InputError>).issues;
    return json({ error: err.code, message: err.message, ...(Array.isArray(issues) ? { issues } : {}) }, { status: err.status });
  }
  // Unexpected: log the error (never its request), answer without internals.
  log.error({ err }, 'unhandled error');
  return json({ error: 'internal', message: 'Something went wrong on the server; the request id identifies it in the logs' }, { status: 500 });
}

function summarise(issues: { path: string; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'Invalid input';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${first.path || 'body'}: ${first.message}${more}`;
}

/**
 * Reads a JSON body with a size limit (counting bytes as they stream, so a missing or lying
 * Content-Length cannot bypass it) and validates it. Errors name the offending field.
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, limit = getConfig().server.maxBodyBytes): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new UnsupportedMediaTypeError('application/json');
  const text = decodeUtf8(await readRequestBody(req, limit));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof SyntaxError ? err.message : 'unparseable';
    throw new InputError(`Request body is not valid JSON: ${detail}`);
  }
  return schema.parse(value);
}
