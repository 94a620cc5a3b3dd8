import { PayloadTooLargeError } from './errors';

/**
 * The one way Foresail reads a body of unknown size (a request to the API or a webhook, a response
 * to an outbound call): counted as it streams and abandoned as soon as it passes `limit`, so a huge
 * or endless body never sits in memory and a missing or lying Content-Length cannot get past the
 * limit. A declared length over the limit is refused before anything is read.
 */
export async function readLimitedBody(body: AsyncIterable<Uint8Array> | null, limit: number, tooLarge: () => Error, declaredLength?: string | null): Promise<Uint8Array> {
  if (Number(declaredLength ?? '0') > limit) throw tooLarge();
  if (!body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Leaving the loop early (the throw) cancels the stream, so the sender stops being read.
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A request's body as the bytes sent (a signature must see exactly those), at most `limit` of them;
 * more is a PayloadTooLargeError (413).
 */
export function readRequestBody(req: Request, limit: number): Promise<Uint8Array> {
  return readLimitedBody(req.body, limit, () => new PayloadTooLargeError(limit), req.headers.get('content-length'));
}

/** Bytes as UTF-8 text; invalid sequences become U+FFFD, a leading byte-order mark is dropped. */
export const decodeUtf8 = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);
