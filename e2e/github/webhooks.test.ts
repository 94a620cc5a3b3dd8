import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pingPayload, pushPayload } from './payloads.ts';
import { sendGitHubWebhook, signWebhookBody } from './webhooks.ts';

const SECRET = 'It’s a webhook secret with ünïcode';

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}
let receiver: Server;
let url = '';
let received: Received[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(202, { 'content-type': 'text/plain' });
      res.end('accepted');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  if (address === null || typeof address === 'string') throw new Error('receiver has no port');
  url = `http://127.0.0.1:${address.port}/api/webhooks/github`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
beforeEach(() => {
  received = [];
});

/** The check GitHub's docs recommend: HMAC over the raw bytes, compared in constant time. */
function isValidSignature(header: string | string[] | undefined, body: Buffer, algorithm: 'sha256' | 'sha1' = 'sha256'): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(`${algorithm}=${createHmac(algorithm, SECRET).update(body).digest('hex')}`);
  const actual = Buffer.from(header);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const lastDelivery = () => {
  const delivery = received.at(-1);
  if (!delivery) throw new Error('nothing was delivered');
  return delivery;
};

describe('signWebhookBody', () => {
  it('matches the test vector in GitHub’s "Validating webhook deliveries"', () => {
    expect(signWebhookBody('Hello, World!', "It's a Secret to Everybody")).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });
});

describe('sendGitHubWebhook', () => {
  it('posts the signed bytes with GitHub’s delivery headers', async () => {
    const payload = pushPayload({ owner: 'acme', repo: 'shop', branch: 'main', after: 'a'.repeat(40), commits: [{ message: 'Ünïcode ✓' }] });
    const result = await sendGitHubWebhook({ url, secret: SECRET, event: 'push', payload });
    expect(result).toMatchObject({ status: 202, body: 'accepted' });
    const { headers, body } = lastDelivery();
    expect(headers['x-github-event']).toBe('push');
    expect(headers['x-github-delivery']).toBe(result.deliveryId);
    expect(headers['x-github-delivery']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(headers['x-github-hook-id']).toMatch(/^\d+$/);
    expect(headers['x-github-hook-installation-target-id']).toBe(String(payload.repository.id));
    expect(headers['user-agent']).toMatch(/^GitHub-Hookshot\/[0-9a-f]+$/);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-hub-signature']).toBeUndefined();
    expect(isValidSignature(headers['x-hub-signature-256'], body)).toBe(true);
    expect(JSON.parse(body.toString('utf8'))).toEqual(payload);
  });

  it('adds the legacy SHA-1 signature when asked', async () => {
    await sendGitHubWebhook({ url, secret: SECRET, event: 'ping', payload: pingPayload({ owner: 'acme', repo: 'shop', url }), signatures: ['sha256', 'sha1'] });
    const { headers, body } = lastDelivery();
    expect(isValidSignature(headers['x-hub-signature-256'], body)).toBe(true);
    expect(isValidSignature(headers['x-hub-signature'], body, 'sha1')).toBe(true);
  });

  it('tamper sends a body the signature no longer fits', async () => {
    await sendGitHubWebhook({ url, secret: SECRET, event: 'push', payload: { ref: 'refs/heads/main' }, tamper: true });
    const { headers, body } = lastDelivery();
    expect(isValidSignature(headers['x-hub-signature-256'], body)).toBe(false);
    expect(JSON.parse(body.toString('utf8'))).toEqual({ ref: 'refs/heads/main', tampered: true });
  });

  it('sends no signature without a secret, keeps a given delivery id and applies header overrides', async () => {
    await sendGitHubWebhook({ url, event: 'push', payload: {}, deliveryId: 'redelivery-1', headers: { 'x-github-event': null, 'X-Extra': 'yes' } });
    const { headers } = lastDelivery();
    expect(headers['x-hub-signature-256']).toBeUndefined();
    expect(headers['x-github-delivery']).toBe('redelivery-1');
    expect(headers['x-github-event']).toBeUndefined();
    expect(headers['x-extra']).toBe('yes');
  });
});
