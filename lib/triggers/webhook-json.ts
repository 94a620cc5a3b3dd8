import { InputError } from '../errors';

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
