import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time string comparison. Both sides are hashed first so neither the content nor the
 * length of the configured secret leaks through timing.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export interface GitHubSignatureHeaders {
  /** X-Hub-Signature-256: `sha256=<hex>`. */
  sha256: string | null;
  /** X-Hub-Signature (legacy): `sha1=<hex>`. */
  sha1: string | null;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export const UNSIGNED_REFUSED =
  'the trigger has no secret, so unsigned pushes are refused: set the same secret on the GitHub webhook and on the trigger (or set allowUnsigned: true on the trigger to accept unsigned pushes from anyone, as Spinnaker does)';

const formats = { sha256: /^sha256=([0-9a-f]{64})$/i, sha1: /^sha1=([0-9a-f]{40})$/i } as const;
const headerNames = { sha256: 'X-Hub-Signature-256', sha1: 'X-Hub-Signature' } as const;

function verify(algorithm: 'sha256' | 'sha1', header: string, body: Uint8Array, secret: string): SignatureCheck {
  const hex = formats[algorithm].exec(header.trim())?.[1];
  if (!hex) return { ok: false, reason: `signature invalid: ${headerNames[algorithm]} is not "${algorithm}=<hex digest>"` };
  const expected = createHmac(algorithm, secret).update(body).digest();
  const given = Buffer.from(hex, 'hex');
  // Lengths are equal: the pattern fixed the digest length.
  if (!timingSafeEqual(given, expected)) return { ok: false, reason: `signature invalid: ${headerNames[algorithm]} does not match the trigger's secret` };
  return { ok: true };
}

/**
 * GitHub's HMAC check for one trigger (reference §2.4 / Echo's GitEventHandler): with a secret the
 * delivery must carry a valid signature of the raw body (SHA-256 preferred, legacy SHA-1 accepted
 * when it is the only one). Without a secret, unsigned pushes are refused unless the trigger says
 * `allowUnsigned: true` (Echo accepts them, so anyone who can reach it can start the pipeline); a
 * signed delivery fails too, because the sender believes it is authenticated and Foresail could
 * not tell a forged one apart.
 */
export function checkGitHubSignature(body: Uint8Array, secret: string | undefined, headers: GitHubSignatureHeaders, allowUnsigned = false): SignatureCheck {
  const signed = headers.sha256 !== null || headers.sha1 !== null;
  if (!secret) {
    if (signed) return { ok: false, reason: 'signature invalid: the delivery is signed but the trigger has no secret; set the webhook secret on the trigger' };
    return allowUnsigned ? { ok: true } : { ok: false, reason: UNSIGNED_REFUSED };
  }
  if (headers.sha256 !== null) return verify('sha256', headers.sha256, body, secret);
  if (headers.sha1 !== null) return verify('sha1', headers.sha1, body, secret);
  return { ok: false, reason: 'signature invalid: the trigger has a secret but the delivery carries no X-Hub-Signature-256 or X-Hub-Signature' };
}

export type TokenCheck = SignatureCheck;

/**
 * The shared-token rule for senders that cannot sign (Docker Hub, generic webhooks): the trigger
 * must have a `secret` and the request must present it. A trigger without one refuses webhook
 * starts, since anyone who can reach Foresail could otherwise start the pipeline.
 */
export function checkSharedToken(token: string | null, secret: string | undefined): TokenCheck {
  if (!secret) return { ok: false, reason: 'the trigger has no secret; webhook-started runs need one (set "secret" on the trigger and send it as ?token= or X-Foresail-Token)' };
  if (token === null || token === '') return { ok: false, reason: 'token missing: send the trigger secret as ?token= or the X-Foresail-Token header' };
  return secretsEqual(token, secret) ? { ok: true } : { ok: false, reason: "token invalid: it does not match the trigger's secret" };
}
