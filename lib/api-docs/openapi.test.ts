import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

const apiRoot = path.resolve(import.meta.dirname, '..', '..', 'app', 'api');

/** Every `METHOD /api/v1/...` route in the app/api tree, in OpenAPI path syntax. */
function nativeRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const route = `/api/${path.relative(apiRoot, dir).split(path.sep).join('/')}`.replace(/\[(\w+)\]/g, '{$1}');
        if (!route.startsWith('/api/v1/') && !['/api/health', '/api/health/live', '/api/metrics'].includes(route)) continue;
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) out.push(`${(m[1] ?? '').toLowerCase()} ${route}`);
      }
    }
  };
  walk(apiRoot);
  return out.sort();
}

describe('OpenAPI document', () => {
  it('documents exactly the native routes that exist', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort();
    expect(documented).toEqual(nativeRoutes());
  });

  it('describes request bodies from the zod schemas', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> };
    const body = doc.paths['/api/v1/applications']?.post?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(body?.properties ?? {})).toEqual(expect.arrayContaining(['name', 'ownerEmail', 'description', 'permissions']));
  });
});
