import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError } from './errors';
import { decodeUtf8, readLimitedBody, readRequestBody } from './limited-body';

describe('readRequestBody', () => {
  it('returns the exact bytes', async () => {
    const bytes = new Uint8Array([123, 34, 195, 169, 34, 125]); // {"é"}
    expect([...(await readRequestBody(new Request('http://x/', { method: 'POST', body: bytes }), 100))]).toEqual([...bytes]);
    expect((await readRequestBody(new Request('http://x/', { method: 'POST' }), 100)).byteLength).toBe(0);
  });
  it('stops at the limit whatever Content-Length says', async () => {
    await expect(readRequestBody(new Request('http://x/', { method: 'POST', body: 'x'.repeat(101) }), 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(readRequestBody(new Request('http://x/', { method: 'POST', body: 'x', headers: { 'content-length': '1000' } }), 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(30));
        controller.close();
      },
    });
    await expect(readRequestBody(new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit), 100)).rejects.toThrow(/100 byte limit/);
  });
});


describe('readLimitedBody', () => {
  const tooLarge = () => new Error('too large');

  it('stops reading an endless body as soon as it passes the limit, and cancels it', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64));
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(readLimitedBody(endless, 1000, tooLarge)).rejects.toThrow('too large');
    expect(pulled).toBeLessThan(40);
    expect(cancelled).toBe(true);
  });

  it('refuses a declared length over the limit before reading, and reads exactly the limit', async () => {
    const never = { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('read')) }) };
    await expect(readLimitedBody(never, 10, tooLarge, '11')).rejects.toThrow('too large');
    const chunks = async function* () {
      yield new TextEncoder().encode('12345');
      yield new TextEncoder().encode('67890');
    };
    expect(decodeUtf8(await readLimitedBody(chunks(), 10, tooLarge, '10'))).toBe('1234567890');
  });
});

describe('decodeUtf8', () => {
  it('replaces invalid bytes and drops a byte-order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0xc3, 0xa9, 0x7d]))).toBe('{é}');
    expect(decodeUtf8(new Uint8Array([0x61, 0xff, 0x62]))).toBe('a\uFFFDb');
  });
});
