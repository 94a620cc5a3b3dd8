import 'server-only';
import { EgressTooLargeError } from './errors';

/**
 * Reads a response body as UTF-8 text, counting bytes as they arrive and giving up as soon as the
 * limit is passed, so a huge or endless response never sits in memory (Content-Length may lie).
 */
export async function readLimitedText(body: AsyncIterable<Uint8Array>, maxBytes: number, host: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new EgressTooLargeError(`The response from ${host} is larger than the ${formatBytes(maxBytes)} limit`);
    chunks.push(chunk);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
