import fs from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';

const appApi = path.resolve(import.meta.dirname, '..', '..', 'app', 'api');
const METHOD = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS';

export interface ApiRoute {
  /** `METHOD /api/pattern`, e.g. `POST /api/v1/applications/[name]/pipelines`. */
  key: string;
  /** The route.ts file that exports the handler. */
  file: string;
  method: string;
  /** The URL pattern with Next's segments, e.g. `/api/v1/tokens/[id]`, `/api/[...path]`. */
  pattern: string;
}

/** The HTTP methods a route file exports, in any of the three ways a Next.js route can. */
function exportedMethods(source: string): Set<string> {
  const methods = new Set<string>();
  for (const m of source.matchAll(new RegExp(`export (?:const|async function) (${METHOD})\\b`, 'g'))) methods.add(m[1] ?? '');
  for (const m of source.matchAll(/export \{([^}]*)\}/g)) {
    for (const name of (m[1] ?? '').matchAll(new RegExp(`\\bas (${METHOD})\\b|^\\s*(${METHOD})\\b`, 'g'))) methods.add(name[1] ?? name[2] ?? '');
  }
  methods.delete('');
  return methods;
}

/**
 * Every API route handler in the app/api tree (each exported HTTP method of each route.ts), sorted
 * by key: the authorization matrix, the OpenAPI test and the R5 fuzzer all derive their route lists
 * from it, so a new route is covered by each without an edit here.
 */
export function discoverApiRoutes(root = appApi): ApiRoute[] {
  const found: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name === 'route.ts') {
        const pattern = `/api/${path.relative(root, dir).split(path.sep).join('/')}`.replace(/\/$/, '');
        for (const method of exportedMethods(fs.readFileSync(file, 'utf8'))) found.push({ key: `${method} ${pattern}`, file, method, pattern });
      }
    }
  };
  walk(root);
  return found.sort((a, b) => a.key.localeCompare(b.key));
}

/** The URL path of a route pattern with its parameters filled in (each value URL-encoded; catch-alls joined with /). */
export function fillPattern(pattern: string, params: Record<string, string | string[]>): string {
  return pattern
    .replace(/\[\.\.\.(\w+)\]/g, (_m, k: string) => [params[k] ?? []].flat().map(encodeURIComponent).join('/'))
    .replace(/\[(\w+)\]/g, (_m, k: string) => encodeURIComponent(String(params[k] ?? '')));
}

export interface RouteCall {
  params?: Record<string, string | string[]>;
  /** Appended to the path as it is (`?a=1`). */
  query?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** Calls a route's handler in this process, exactly as Next would: the URL filled in from `params`. */
export async function callApiRoute(route: ApiRoute, origin: string, call: RouteCall = {}): Promise<Response> {
  const module = (await import(route.file)) as Record<string, Handler>;
  const handler = module[route.method];
  if (!handler) throw new Error(`${route.file} does not export ${route.method}`);
  const params = call.params ?? {};
  const headers: Record<string, string> = { ...call.headers };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const req = new NextRequest(`${origin}${fillPattern(route.pattern, params)}${call.query ?? ''}`, { method: route.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
  return handler(req, { params: Promise.resolve(params) });
}
