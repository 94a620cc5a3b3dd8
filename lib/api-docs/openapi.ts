import { z } from 'zod';
import { foresailVersion } from '../version';
import { operations } from './operations';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const errorSchema = { type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } } }, required: ['error', 'message'] };

/** OpenAPI 3.1 for the native API, generated from the operations table and its zod schemas. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = op.query ? Object.keys(op.query.shape).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })) : [];
    const responses: Record<string, unknown> = {};
    if (op.response) {
      responses[String(op.response.status)] = { description: op.response.description, ...(op.response.schema ? { content: { 'application/json': { schema: toSchema(op.response.schema, 'output') } } } : {}) };
    }
    const errors = op.public ? [] : ['401', '403', '404'];
    if (op.body) errors.push('400', '413', '415', '422');
    if (op.method === 'put' || op.method === 'patch' || op.method === 'post') errors.push('409');
    for (const code of errors) responses[code] = { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    paths[op.path] ??= {};
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        tags: [op.tag],
        ...(op.public ? { security: [] } : {}),
        parameters: [...params, ...query],
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.body, 'input') } } } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Foresail API', version: foresailVersion, description: 'Native API. Authenticate with a session cookie or an API token (Bearer, or Basic with the token as password). Gate-compatible routes for spin live under /api/gate.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'An API token (fst_…)' }, session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' } },
      schemas: { Error: errorSchema },
    },
    security: [{ token: [] }, { session: [] }],
    paths,
  };
}
