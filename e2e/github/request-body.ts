// Reading what clients send the stand-in: bodies (form-encoded or JSON, as GitHub accepts both),
// HTTP Basic client credentials and API tokens.
import type { IncomingMessage } from 'node:http';

/** Larger than any OAuth or control request; stops a runaway test from filling memory. */
const MAX_BODY_BYTES = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error(`Request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const isJson = (req: IncomingMessage) => /^application\/json\b/i.test(req.headers['content-type'] ?? '');

/**
 * Parameters from the query string and the body together (clients put OAuth parameters in either);
 * body values win. JSON bodies contribute their string and number fields.
 */
export function readParams(req: IncomingMessage, url: URL, body: string): Map<string, string> {
  const params = new Map(url.searchParams);
  if (body.trim() === '') return params;
  if (isJson(req)) {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [key, value] of Object.entries(parsed)) {
        if (typeof value === 'string' || typeof value === 'number') params.set(key, String(value));
      }
    }
    return params;
  }
  for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
  return params;
}

// RFC 6749 §2.3.1: the id and secret are form-encoded before base64 (openid-client does this).
const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));

/** Client credentials from `Authorization: Basic …`, if present and well formed. */
export function readBasicAuth(req: IncomingMessage): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/** The token of `Authorization: token X` or `Bearer X` (GitHub takes both, in any letter case). */
export function readApiToken(req: IncomingMessage): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}
