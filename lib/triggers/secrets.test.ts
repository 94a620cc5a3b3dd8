import { describe, expect, it } from 'vitest';
import { signWebhookBody } from '@/e2e/github/webhooks';
import { checkGitHubSignature, checkSharedToken, secretsEqual } from './secrets';

const body = new TextEncoder().encode('{"ref":"refs/heads/main"}');
const none = { sha256: null, sha1: null };

describe('checkGitHubSignature', () => {
  it('accepts a valid X-Hub-Signature-256', () => {
    expect(checkGitHubSignature(body, 's3cret', { sha256: signWebhookBody(body, 's3cret'), sha1: null })).toEqual({ ok: true });
  });
  it('accepts upper-case hex', () => {
    const header = signWebhookBody(body, 's3cret').replace(/=(.*)$/, (_, hex: string) => `=${hex.toUpperCase()}`);
    expect(checkGitHubSignature(body, 's3cret', { sha256: header, sha1: null })).toEqual({ ok: true });
  });
  it('accepts the legacy SHA-1 X-Hub-Signature when it is the only one', () => {
    expect(checkGitHubSignature(body, 's3cret', { sha256: null, sha1: signWebhookBody(body, 's3cret', 'sha1') })).toEqual({ ok: true });
  });
  it('judges by SHA-256 when both are sent', () => {
    expect(checkGitHubSignature(body, 's3cret', { sha256: signWebhookBody(body, 'other'), sha1: signWebhookBody(body, 's3cret', 'sha1') })).toMatchObject({ ok: false });
  });
  it('refuses a signature made with another secret, or over another body', () => {
    expect(checkGitHubSignature(body, 's3cret', { sha256: signWebhookBody(body, 'wrong'), sha1: null })).toEqual({ ok: false, reason: "signature invalid: X-Hub-Signature-256 does not match the trigger's secret" });
    expect(checkGitHubSignature(new TextEncoder().encode('{}'), 's3cret', { sha256: signWebhookBody(body, 's3cret'), sha1: null })).toMatchObject({ ok: false });
    expect(checkGitHubSignature(body, 's3cret', { sha256: null, sha1: signWebhookBody(body, 'wrong', 'sha1') })).toEqual({ ok: false, reason: "signature invalid: X-Hub-Signature does not match the trigger's secret" });
  });
  it('refuses malformed headers', () => {
    expect(checkGitHubSignature(body, 's3cret', { sha256: 'sha256=zz', sha1: null })).toEqual({ ok: false, reason: 'signature invalid: X-Hub-Signature-256 is not "sha256=<hex digest>"' });
    expect(checkGitHubSignature(body, 's3cret', { sha256: signWebhookBody(body, 's3cret', 'sha1'), sha1: null })).toMatchObject({ ok: false });
  });
  it('a secret without a signature fails, and so does a signature without a secret (reference §2.4)', () => {
    expect(checkGitHubSignature(body, 's3cret', none)).toEqual({ ok: false, reason: 'signature invalid: the trigger has a secret but the delivery carries no X-Hub-Signature-256 or X-Hub-Signature' });
    expect(checkGitHubSignature(body, undefined, { sha256: signWebhookBody(body, 'x'), sha1: null })).toMatchObject({ ok: false, reason: expect.stringMatching(/signed but the trigger has no secret/) });
    // Unsigned and no secret: refused unless the trigger allows unsigned pushes (Spinnaker's default).
    expect(checkGitHubSignature(body, undefined, none)).toEqual({ ok: false, reason: expect.stringMatching(/^the trigger has no secret, so unsigned pushes are refused/) });
    expect(checkGitHubSignature(body, undefined, none, true)).toEqual({ ok: true });
    expect(checkGitHubSignature(body, undefined, { sha256: signWebhookBody(body, 'x'), sha1: null }, true)).toMatchObject({ ok: false });
  });
});

describe('shared tokens', () => {
  it('compares in constant time whatever the lengths', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
  });
  it('needs a secret on the trigger and the same token on the request', () => {
    expect(checkSharedToken('t0k', 't0k')).toEqual({ ok: true });
    expect(checkSharedToken('nope', 't0k')).toEqual({ ok: false, reason: "token invalid: it does not match the trigger's secret" });
    expect(checkSharedToken(null, 't0k')).toMatchObject({ ok: false, reason: expect.stringMatching(/^token missing/) });
    expect(checkSharedToken('t0k', undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/the trigger has no secret; webhook-started runs need one/) });
  });
});
