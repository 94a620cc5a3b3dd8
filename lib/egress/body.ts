import 'server-only';
import { decodeUtf8, readLimitedBody } from '../limited-body';
import { EgressTooLargeError } from './errors';

/**
 * A response body as UTF-8 text, read no further than `maxBytes` (lib/limited-body.ts): a response
 * that declares a larger Content-Length is refused before its body is read.
 */
export async function readResponseText(body: AsyncIterable<Uint8Array>, maxBytes: number, host: string, declaredLength: string | undefined): Promise<string> {
  return decodeUtf8(await readResponseBytes(body, maxBytes, host, declaredLength));
}

/** The same, as bytes (a packaged chart fetched as an artifact is not text). */
export async function readResponseBytes(body: AsyncIterable<Uint8Array>, maxBytes: number, host: string, declaredLength: string | undefined): Promise<Uint8Array> {
  const tooLarge = () => new EgressTooLargeError(`The response from ${host} is larger than the ${formatBytes(maxBytes)} limit`);
  return readLimitedBody(body, maxBytes, tooLarge, declaredLength);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
