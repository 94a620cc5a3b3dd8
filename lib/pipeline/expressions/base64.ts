/**
 * Standard base64 (RFC 4648 §4) over UTF-8, matching Java's `Base64.getEncoder()` / `getDecoder()`
 * that Orca's `#toBase64` / `#fromBase64` use. Written out here because `btoa`/`atob` work on
 * Latin-1 only and Node's Buffer is not available in the browser.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map<string, number>([...ALPHABET].map((char, index) => [char, index]));

export function encodeBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const remaining = bytes.length - i;
    out.push(
      ALPHABET.charAt(a >> 2),
      ALPHABET.charAt(((a & 3) << 4) | (b >> 4)),
      remaining > 1 ? ALPHABET.charAt(((b & 15) << 2) | (c >> 6)) : '=',
      remaining > 2 ? ALPHABET.charAt(c & 63) : '=',
    );
  }
  return out.join('');
}

/**
 * Strict like Java's basic decoder: only the alphabet, padding optional but only at the end, no
 * whitespace. Returns undefined for invalid input. Invalid UTF-8 decodes to U+FFFD, as in Java.
 */
export function decodeBase64(encoded: string): string | undefined {
  let end = encoded.length;
  let padding = 0;
  while (end > 0 && encoded[end - 1] === '=' && padding < 2) {
    end -= 1;
    padding += 1;
  }
  if (padding > 0 && encoded.length % 4 !== 0) return undefined;
  if (end % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let byteIndex = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i += 1) {
    const value = DECODE.get(encoded.charAt(i));
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[byteIndex] = (buffer >> bits) & 0xff;
      byteIndex += 1;
    }
  }
  // ignoreBOM keeps a leading U+FEFF as Java does instead of silently dropping it.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, byteIndex));
}
