import { describe, expect, it } from 'vitest';
import { generateToken, hashSecret, parseToken, secretMatches, tokenFromAuthorization, tokenUseIsStale } from './token-format';

describe('API token format', () => {
  it('round-trips a generated token', () => {
    const t = generateToken();
    expect(t.token).toMatch(/^fst_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseToken(t.token)).toEqual({ id: t.id, secret: t.secret });
    expect(secretMatches(t.secret, t.secretHash)).toBe(true);
  });

  // An upper-case id is malformed; `t.id.toUpperCase()` is not always upper-case (ids of digits only).
  it('rejects a wrong secret and malformed tokens', () => {
    const t = generateToken();
    expect(secretMatches(t.secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), t.secretHash)).toBe(false);
    expect(secretMatches(t.secret, 'abcd')).toBe(false);
    for (const bad of ['', 'fst_', `fst_${t.id}`, `xyz_${t.id}_${t.secret}`, `fst_${t.id}_${t.secret}x`, `fst_A${t.id.slice(1)}_${t.secret}`]) {
      expect(parseToken(bad)).toBeUndefined();
    }
  });

  it('never stores the secret itself', () => {
    const t = generateToken();
    expect(t.secretHash).toBe(hashSecret(t.secret));
    expect(t.secretHash).not.toContain(t.secret);
  });

  it('reads Bearer and Basic (token as password) credentials', () => {
    expect(tokenFromAuthorization('Bearer fst_abc')).toBe('fst_abc');
    expect(tokenFromAuthorization(`Basic ${Buffer.from('anyone:fst_abc').toString('base64')}`)).toBe('fst_abc');
    expect(tokenFromAuthorization('Digest x')).toBeUndefined();
    expect(tokenFromAuthorization(null)).toBeUndefined();
  });

  it('records a use when the token was never used or last used over a minute ago', () => {
    const now = Date.parse('2026-12-07T12:00:00.000Z');
    expect(tokenUseIsStale(null, now)).toBe(true);
    expect(tokenUseIsStale('2026-12-07T11:58:59.999Z', now)).toBe(true);
    expect(tokenUseIsStale('2026-12-07T11:59:00.000Z', now)).toBe(false);
    expect(tokenUseIsStale('2026-12-07T11:59:30.000Z', now)).toBe(false);
  });
});
