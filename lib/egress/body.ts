import 'server-only';
import { decodeUtf8, readLimitedBody } from '../limited-body';
import { EgressTooLargeError } from './errors';

/**
 * A response body as UTF-8 text, read no further than `maxBytes` (lib/limited-body.ts): a response
 * that declares a larger Content-Length is refused before its body is read.
 */
export async function readResponseText(body: AsyncIterable<Uint8Array>, maxBytes: number, host: string, declaredLength: string | undefined): Promise<string> {
  const tooLarge = () => new EgressTooLargeError(`The response from ${host} is larger than the ${formatBytes(maxBytes)} limit`);
  return decodeUtf8(await readLimitedBody(body, maxBytes, tooLarge, declaredLength));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
