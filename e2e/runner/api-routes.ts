import fs from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';

const apiRoot = path.resolve(import.meta.dirname, '..', '..', 'app', 'api');
const METHOD = 'GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS';

/** One handler the app/api tree serves. */
export interface ApiRoute {
  /** `METHOD /api/...`, the pattern in Next's folder syntax (`[name]`, `[...path]`). */
  key: string;
  method: string;
  pattern: string;
  /** The route.ts file that exports the handler. */
  file: string;
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
 * Every route the app/api tree serves, read from its route.ts files (so a test built on it covers a
 * route the moment it is added), sorted by key.
 */
export function discoverApiRoutes(): ApiRoute[] {
  const found: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name === 'route.ts') {
        const pattern = `/api/${path.relative(apiRoot, dir).split(path.sep).join('/')}`.replace(/\/$/, '');
        for (const method of exportedMethods(fs.readFileSync(file, 'utf8'))) found.push({ key: `${method} ${pattern}`, method, pattern, file });
      }
    }
  };
  walk(apiRoot);
  return found.sort((a, b) => a.key.localeCompare(b.key));
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
  const filled = route.pattern.replace(/\[\.\.\.(\w+)\]/g, (_m, k: string) => ([params[k]].flat() as string[]).join('/')).replace(/\[(\w+)\]/g, (_m, k: string) => String(params[k]));
  const headers: Record<string, string> = { ...call.headers };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const req = new NextRequest(`${origin}${filled}${call.query ?? ''}`, { method: route.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
  return handler(req, { params: Promise.resolve(params) });
}
