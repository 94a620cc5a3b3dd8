import { InputError, PayloadTooLargeError } from '../errors';

/**
 * The request body as bytes, for senders that sign them (an HMAC must see exactly what was sent,
 * so lib/http's readJson, which decodes as it goes, cannot be used). Counted as it streams, so a
 * missing or lying Content-Length cannot get past the limit.
 */
export async function readRawBody(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) throw new PayloadTooLargeError(limit);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * JSON from a webhook body. GitHub hooks configured with content type
 * `application/x-www-form-urlencoded` send it as the `payload` field; everything else is the body.
 */
export function parseWebhookJson(body: Uint8Array, contentType: string | null): unknown {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) {
    const payload = new URLSearchParams(text).get('payload');
    if (payload === null) throw new InputError('A form-encoded webhook body must carry the JSON in its "payload" field');
    text = payload;
  }
  if (text.trim() === '') throw new InputError('The request body is empty; a JSON payload is required');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`Request body is not valid JSON: ${err instanceof SyntaxError ? err.message : 'unparseable'}`);
  }
}
