// Authorization codes and access tokens the stand-in has handed out, with GitHub's rules for redeeming
// a code (https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps).
import { createHash, randomBytes } from 'node:crypto';

/** GitHub: "The temporary code will expire after 10 minutes." */
export const CODE_LIFETIME_MS = 10 * 60_000;

export interface IssuedCode {
  clientId: string;
  /** The redirect_uri the authorize request named, if it named one. */
  redirectUri: string | undefined;
  login: string;
  scopes: string[];
  /** PKCE (S256 only, as on GitHub since July 2025); undefined when the client did not use it. */
  codeChallenge: string | undefined;
}

export interface IssuedToken {
  token: string;
  clientId: string;
  login: string;
  scopes: string[];
}

export interface Redemption {
  clientId: string;
  redirectUri: string | undefined;
  codeVerifier: string | undefined;
}

export type RedeemResult = { ok: true; token: IssuedToken } | { ok: false; error: 'bad_verification_code' | 'redirect_uri_mismatch' };

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const base62 = (length: number) => [...randomBytes(length)].map((b) => BASE62[b % 62]).join('');

/** Splits a scope parameter the way GitHub reads it (space- or comma-separated), without duplicates. */
export const parseScopes = (scope: string | undefined): string[] => [...new Set((scope ?? '').split(/[\s,]+/).filter(Boolean))];

const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export class OAuthGrants {
  private readonly codes = new Map<string, IssuedCode & { expiresAt: number }>();
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A 20-hex-digit code like GitHub's, valid once for CODE_LIFETIME_MS. */
  issueCode(grant: IssuedCode): string {
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, { ...grant, expiresAt: this.now() + CODE_LIFETIME_MS });
    return code;
  }

  redeem(code: string, request: Redemption): RedeemResult {
    const issued = this.codes.get(code);
    if (!issued || issued.clientId !== request.clientId) return { ok: false, error: 'bad_verification_code' };
    if (this.now() >= issued.expiresAt) {
      this.codes.delete(code);
      return { ok: false, error: 'bad_verification_code' };
    }
    // redirect_uri is optional at the token endpoint; when sent it must be the one the code was issued for.
    if (request.redirectUri !== undefined && issued.redirectUri !== undefined && request.redirectUri !== issued.redirectUri) {
      return { ok: false, error: 'redirect_uri_mismatch' };
    }
    // GitHub does not document the error for a wrong verifier; "bad code" is what a client can act on.
    if (issued.codeChallenge !== undefined && (request.codeVerifier === undefined || pkceChallenge(request.codeVerifier) !== issued.codeChallenge)) {
      return { ok: false, error: 'bad_verification_code' };
    }
    this.codes.delete(code); // single use
    const token: IssuedToken = { token: `gho_${base62(36)}`, clientId: issued.clientId, login: issued.login, scopes: issued.scopes };
    this.tokens.set(token.token, token);
    return { ok: true, token };
  }

  findToken(token: string): IssuedToken | undefined {
    return this.tokens.get(token);
  }

  /** Revokes every token of a login (e.g. when a test removes that user). */
  revokeLogin(login: string): void {
    for (const [key, token] of this.tokens) if (token.login === login) this.tokens.delete(key);
  }

  clear(): void {
    this.codes.clear();
    this.tokens.clear();
  }
}
