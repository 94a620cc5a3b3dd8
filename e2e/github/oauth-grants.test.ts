import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_LIFETIME_MS, OAuthGrants, parseScopes, type IssuedCode } from './oauth-grants.ts';

const grant: IssuedCode = { clientId: 'app', redirectUri: 'http://127.0.0.1:3000/cb', login: 'alice', scopes: ['read:user'], codeChallenge: undefined };
const redeemAs = { clientId: 'app', redirectUri: 'http://127.0.0.1:3000/cb', codeVerifier: undefined };

describe('OAuthGrants', () => {
  it('redeems a code once', () => {
    const grants = new OAuthGrants();
    const code = grants.issueCode(grant);
    const first = grants.redeem(code, redeemAs);
    expect(first).toMatchObject({ ok: true, token: { login: 'alice', scopes: ['read:user'] } });
    expect(grants.redeem(code, redeemAs)).toEqual({ ok: false, error: 'bad_verification_code' });
    if (first.ok) expect(grants.findToken(first.token.token)?.login).toBe('alice');
  });

  it('lets a code expire after 10 minutes', () => {
    let now = 1_000_000;
    const grants = new OAuthGrants(() => now);
    const fresh = grants.issueCode(grant);
    const stale = grants.issueCode(grant);
    now += CODE_LIFETIME_MS - 1;
    expect(grants.redeem(fresh, redeemAs).ok).toBe(true);
    now += 1;
    expect(grants.redeem(stale, redeemAs)).toEqual({ ok: false, error: 'bad_verification_code' });
  });

  it('binds a code to its client and redirect_uri (which the exchange may leave out)', () => {
    const grants = new OAuthGrants();
    const code = grants.issueCode(grant);
    expect(grants.redeem(code, { ...redeemAs, clientId: 'other' })).toEqual({ ok: false, error: 'bad_verification_code' });
    expect(grants.redeem(code, { ...redeemAs, redirectUri: 'http://127.0.0.1:3000/other' })).toEqual({ ok: false, error: 'redirect_uri_mismatch' });
    expect(grants.redeem(code, { ...redeemAs, redirectUri: undefined }).ok).toBe(true);
  });

  it('checks a PKCE S256 verifier when the authorize request carried a challenge', () => {
    const verifier = 'a-long-random-verifier-string-of-at-least-43-characters-xyz';
    const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
    const grants = new OAuthGrants();
    const code = grants.issueCode({ ...grant, codeChallenge });
    expect(grants.redeem(code, redeemAs)).toEqual({ ok: false, error: 'bad_verification_code' });
    expect(grants.redeem(code, { ...redeemAs, codeVerifier: 'wrong' })).toEqual({ ok: false, error: 'bad_verification_code' });
    expect(grants.redeem(code, { ...redeemAs, codeVerifier: verifier }).ok).toBe(true);
  });

  it('revokes the tokens of a removed login', () => {
    const grants = new OAuthGrants();
    const result = grants.redeem(grants.issueCode(grant), redeemAs);
    grants.revokeLogin('alice');
    if (result.ok) expect(grants.findToken(result.token.token)).toBeUndefined();
    expect(result.ok).toBe(true);
  });
});

describe('parseScopes', () => {
  it('splits on spaces or commas and drops duplicates', () => {
    expect(parseScopes('read:user user:email,read:user')).toEqual(['read:user', 'user:email']);
    expect(parseScopes(undefined)).toEqual([]);
  });
});
