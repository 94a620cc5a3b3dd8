import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, InputError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';
import { apiRoute, decodeSegment, readJson, toErrorResponse } from './http';

const schema = z.strictObject({ name: z.string().min(2) });
const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://localhost/api/x', { method: 'POST', body, headers });

describe('readJson', () => {
  it('parses and validates a body', async () => {
    await expect(readJson(post('{"name":"ok"}'), schema, 1024)).resolves.toEqual({ name: 'ok' });
  });
  it('refuses malformed JSON with an InputError', async () => {
    await expect(readJson(post('{"name":'), schema, 1024)).rejects.toBeInstanceOf(InputError);
  });
  it('refuses a NUL character anywhere in the body, naming where (PostgreSQL cannot store it)', async () => {
    const err = await readJson(post('{"name":"ok","deep":[{"k\\u0000":1}]}'), z.looseObject({ name: z.string() }), 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues).toEqual([{ path: 'deep[0].k\u0000', message: 'contains a NUL character (\\u0000), which Foresail cannot store' }]);
  });
  it('refuses a lone surrogate, which PostgreSQL cannot store either', async () => {
    const err = await readJson(post('{"name":"a\\ud800"}'), schema, 1024).catch((e: unknown) => e);
    expect((err as InputError).issues).toEqual([{ path: 'name', message: 'contains a lone surrogate (\\uD800–\\uDFFF), which is not text Foresail can store' }]);
    await expect(readJson(post('{"name":"ok 😀"}'), schema, 1024)).resolves.toEqual({ name: 'ok 😀' });
  });
  it('names the body when it is empty', async () => {
    const err = await readJson(post(''), schema, 1024).catch((e: unknown) => e);
    expect((err as InputError).issues).toEqual([{ path: '', message: 'is empty: send a JSON object' }]);
  });
  it('refuses other content types', async () => {
    await expect(readJson(post('name=x', { 'content-type': 'application/x-www-form-urlencoded' }), schema, 1024)).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
  });
  it('counts streamed bytes, not the declared length', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(5000) });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const req = new Request('http://localhost/api/x', { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    await expect(readJson(req, schema, 1024)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});

describe('toErrorResponse', () => {
  it('maps validation errors to 422 with field paths', async () => {
    const res = toErrorResponse(schema.safeParse({ name: 1 }).error);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { issues: { path: string }[]; message: string };
    expect(body.issues[0]?.path).toBe('name');
    expect(body.message).toBe('name must be text');
  });
  it('maps domain errors to their status', async () => {
    const res = toErrorResponse(new ConflictError('Application x already exists'));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'conflict', message: 'Application x already exists' });
  });
  it('never echoes unexpected errors', async () => {
    const res = toErrorResponse(new Error('connect ECONNREFUSED password=hunter2'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toMatch(/hunter2|ECONNREFUSED/);
  });
});

describe('apiRoute', () => {
  it('refuses a NUL character in a URL parameter or the query with a 400 naming it, before the handler runs', async () => {
    let ran = false;
    const handler = apiRoute<{ name: string }>('/api/test/[name]', async () => {
      ran = true;
      return Response.json({ ok: true });
    });
    const param = await handler(new Request('http://localhost/api/test/%00'), { params: Promise.resolve({ name: '\u0000' }) });
    expect(param.status).toBe(400);
    expect(await param.json()).toMatchObject({ issues: [{ path: 'name', message: 'contains a NUL character (%00)' }] });
    const query = await handler(new Request('http://localhost/api/test/x?q=a%00b'), { params: Promise.resolve({ name: 'x' }) });
    expect(query.status).toBe(400);
    expect(ran).toBe(false);
  });
  it('serves routes without dynamic segments, whose params Next resolves to undefined', async () => {
    const handler = apiRoute('/api/test', async () => Response.json({ ok: true }));
    const res = await handler(new Request('http://localhost/api/test'), { params: Promise.resolve(undefined as unknown as Record<string, never>) });
    expect(res.status).toBe(200);
  });
  it('adds a request id and keeps a sane incoming one', async () => {
    const handler = apiRoute('/api/test', async () => Response.json({ ok: true }));
    const res = await handler(new Request('http://localhost/api/test', { headers: { 'x-request-id': 'abc-123' } }), { params: Promise.resolve({}) });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const other = await handler(new Request('http://localhost/api/test', { headers: { 'x-request-id': 'bad id\n' } }), { params: Promise.resolve({}) });
    expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
  it('turns thrown errors into responses', async () => {
    const handler = apiRoute('/api/test', async () => {
      throw new InputError('bad');
    });
    const res = await handler(new Request('http://localhost/api/test'), { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
  });
});

describe('decodeSegment', () => {
  it('decodes a twice-encoded name once more, and keeps what is not valid percent-encoding', () => {
    expect(decodeSegment('Deploy%20to%20prod')).toBe('Deploy to prod');
    expect(decodeSegment('100%')).toBe('100%');
  });

  it('keeps %00 literal: no stored name holds a NUL, and the database would refuse the lookup (R5 found a 500)', () => {
    expect(decodeSegment('%00')).toBe('%00');
    expect(decodeSegment('a%00b')).toBe('a%00b');
  });
});
