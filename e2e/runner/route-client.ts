import { NextRequest } from 'next/server';
import { testOrigin } from './auth-test-config';

// `never` accepts every route's own params type (parameters are contravariant).
type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;

export interface CallResult<T = unknown> {
  status: number;
  body: T;
}

/**
 * Calls a route handler directly, as Next would: same URL, method, headers and params. `headers`
 * carries the caller's credentials (a session cookie or an Authorization header).
 */
export async function call<T = Record<string, unknown>>(handler: Handler, options: { method?: string; path: string; params?: Record<string, string>; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<CallResult<T>> {
  const headers: Record<string, string> = { origin: testOrigin, ...options.headers };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const req = new NextRequest(`${testOrigin}${options.path}`, { method: options.method ?? 'GET', headers, body });
  const res = await handler(req, { params: Promise.resolve((options.params ?? {}) as never) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // non-JSON body (metrics): keep the text
  }
  return { status: res.status, body: parsed as T };
}
