import { describe, expect, it } from 'vitest';
import { discoverApiRoutes } from '@/e2e/runner/api-routes';
import { openApiDocument } from './openapi';

/** Every native route (`/api/v1/...`, health, liveness, metrics) as `method /path`, in OpenAPI path syntax. */
const nativeRoutes = (): string[] =>
  discoverApiRoutes()
    .filter((r) => r.pattern.startsWith('/api/v1/') || ['/api/health', '/api/health/live', '/api/metrics'].includes(r.pattern))
    .map((r) => `${r.method.toLowerCase()} ${r.pattern.replace(/\[(\w+)\]/g, '{$1}')}`)
    .sort();

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
