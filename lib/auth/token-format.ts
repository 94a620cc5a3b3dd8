import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API tokens look like `fst_<id>_<secret>`: the id finds the row, the secret is checked against a
 * stored SHA-256 (the secret has 256 bits of entropy, so a fast hash is fine; no salt needed).
 * The prefix makes leaked tokens easy to spot (secret scanners) and to tell from other credentials.
 */
const pattern = /^fst_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface ParsedToken {
  id: string;
  secret: string;
}

export function generateToken(): { id: string; secret: string; token: string; secretHash: string } {
  const id = randomBytes(8).toString('hex').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `fst_${id}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseToken(value: string): ParsedToken | undefined {
  const match = pattern.exec(value.trim());
  return match?.[1] && match[2] ? { id: match[1], secret: match[2] } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The credential in an Authorization header: `Bearer <token>`, or Basic with the token as password (spin, Gate clients). */
export function tokenFromAuthorization(header: string | null): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return undefined;
  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

/** A token's last use is recorded at most this often, so busy CI clients do not write on every call. */
export const TOKEN_USE_RECORD_MS = 60_000;

/**
 * Whether this use should be recorded, decided from the row the token check has just read: a request
 * then costs one query (the read) and only a stale one writes too.
 */
export function tokenUseIsStale(lastUsedAt: string | null, now: number): boolean {
  return lastUsedAt === null || Date.parse(lastUsedAt) < now - TOKEN_USE_RECORD_MS;
}
