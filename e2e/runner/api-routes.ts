import fs from 'node:fs';
import path from 'node:path';

const appApi = path.resolve(import.meta.dirname, '..', '..', 'app', 'api');

export interface ApiRoute {
  /** `METHOD /api/pattern`, e.g. `POST /api/v1/applications/[name]/pipelines`. */
  key: string;
  file: string;
  method: string;
  /** The URL pattern with Next's segments, e.g. `/api/v1/tokens/[id]`, `/api/[...path]`. */
  pattern: string;
}

/**
 * Every API route handler in the app/api tree (each exported HTTP method of each route.ts), sorted
 * by key: the authorization matrix and the R5 fuzzer both derive their route lists from it, so a
 * new route is covered by both without an edit here.
 */
export function discoverApiRoutes(root = appApi): ApiRoute[] {
  const found: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const pattern = `/api/${path.relative(root, dir).split(path.sep).join('/')}`.replace(/\/$/, '');
        const source = fs.readFileSync(full, 'utf8');
        const methods = new Set<string>();
        for (const m of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1] ?? '');
        for (const m of source.matchAll(/export \{([^}]*)\}/g)) for (const name of (m[1] ?? '').matchAll(/\bas (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|^\s*(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(name[1] ?? name[2] ?? '');
        for (const m of source.matchAll(/export async function (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1] ?? '');
        for (const method of methods) if (method) found.push({ key: `${method} ${pattern}`, file: full, method, pattern });
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
