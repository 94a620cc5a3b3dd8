import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError } from '../errors';
import { parseWebhookJson, readRawBody } from './raw-body';

describe('readRawBody', () => {
  it('returns the exact bytes', async () => {
    const bytes = new Uint8Array([123, 34, 195, 169, 34, 125]); // {"é"}
    expect([...(await readRawBody(new Request('http://x/', { method: 'POST', body: bytes }), 100))]).toEqual([...bytes]);
    expect((await readRawBody(new Request('http://x/', { method: 'POST' }), 100)).byteLength).toBe(0);
  });
  it('stops at the limit whatever Content-Length says', async () => {
    await expect(readRawBody(new Request('http://x/', { method: 'POST', body: 'x'.repeat(101) }), 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(readRawBody(new Request('http://x/', { method: 'POST', body: 'x', headers: { 'content-length': '1000' } }), 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(30));
        controller.close();
      },
    });
    await expect(readRawBody(new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit), 100)).rejects.toThrow(/100 byte limit/);
  });
});

describe('parseWebhookJson', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('parses JSON bodies and form-encoded payload fields', () => {
    expect(parseWebhookJson(bytes('{"a":1}'), 'application/json')).toEqual({ a: 1 });
    expect(parseWebhookJson(bytes('{"a":1}'), null)).toEqual({ a: 1 });
    expect(parseWebhookJson(bytes(`payload=${encodeURIComponent('{"a":2}')}`), 'application/x-www-form-urlencoded')).toEqual({ a: 2 });
  });
  it('explains what is wrong', () => {
    expect(() => parseWebhookJson(bytes('{'), 'application/json')).toThrow(/Request body is not valid JSON/);
    expect(() => parseWebhookJson(bytes(' '), 'application/json')).toThrow(/body is empty/);
    expect(() => parseWebhookJson(bytes('x=1'), 'application/x-www-form-urlencoded')).toThrow(/"payload" field/);
  });
});
