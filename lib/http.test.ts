import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, InputError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';
import { apiRoute, readJson, toErrorResponse } from './http';

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
    expect(body.message).toMatch(/^name: /);
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
