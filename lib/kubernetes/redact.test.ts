import { describe, expect, it } from 'vitest';
import { LAST_APPLIED_ANNOTATION, redactSecrets, scrubSecretValues } from './redact';

const key = 'test-key';
const b64 = (s: string) => Buffer.from(s).toString('base64');
type TestSecret = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  type: string;
  data: Record<string, string>;
  stringData?: Record<string, string>;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
};
const secret = (data: Record<string, string>, extra: Partial<TestSecret> = {}): TestSecret => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, type: 'Opaque', data, ...extra });

describe('redactSecrets', () => {
  it('keeps key names, replaces every value with a keyed fingerprint, equal in data and stringData', () => {
    const out = redactSecrets(secret({ password: b64('hunter2'), user: b64('app') }, { stringData: { password: 'hunter2' } }), key);
    const json = JSON.stringify(out);
    expect(json).not.toMatch(/hunter2|aHVudGVyMg|YXBw/);
    expect(Object.keys(out.data)).toEqual(['password', 'user']);
    expect(out.data.password).toMatch(/^<redacted hmac:[0-9a-f]{16}>$/);
    expect(out.stringData?.password).toBe(out.data.password);
    expect(out.data.user).not.toBe(out.data.password);
    expect(redactSecrets(secret({ password: b64('hunter3') }), key).data.password).not.toBe(out.data.password);
    expect(out).toMatchObject({ kind: 'Secret', type: 'Opaque', metadata: { name: 'db', namespace: 'shop' } });
  });

  it('redacts the values kubectl copies into last-applied-configuration', () => {
    const lastApplied = JSON.stringify(secret({ token: b64('s3cr3t-token') }));
    const out = redactSecrets(secret({ token: b64('s3cr3t-token') }, { metadata: { name: 'db', annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied, team: 'a' } } }), key);
    expect(JSON.stringify(out)).not.toMatch(/s3cr3t-token|czNjcjN0LXRva2Vu/);
    expect(JSON.parse(out.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '')).toMatchObject({ kind: 'Secret', data: { token: out.data.token } });
    expect(out.metadata.annotations?.team).toBe('a');
    const broken = redactSecrets(secret({}, { metadata: { name: 'db', annotations: { [LAST_APPLIED_ANNOTATION]: '{"data":{"token":"czNj' } } }), key);
    expect(broken.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe('<redacted>');
  });

  it('finds Secrets anywhere in stage outputs and leaves everything else alone (same object)', () => {
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { password: 'not-a-secret-kind' } };
    const outputs = { manifests: [config, secret({ a: b64('value-a') })], 'outputs.manifests': [{ kind: 'List', items: [secret({ b: b64('value-b') })] }], other: 1 };
    const out = redactSecrets(outputs, key);
    expect(JSON.stringify(out)).not.toMatch(/value-a|value-b|dmFsdWUt/);
    expect(out.manifests[0]).toBe(config);
    const plain = { manifests: [config], n: 2 };
    expect(redactSecrets(plain, key)).toBe(plain);
  });
});

describe('scrubSecretValues', () => {
  it('removes the Secret values from a message, plain or base64, and leaves other text', () => {
    const s = secret({ password: b64('hunter2-long') }, { stringData: { token: 'tok-123456' } });
    expect(scrubSecretValues('mount failed: hunter2-long / aHVudGVyMi1sb25n / tok-123456 for db', s)).toBe('mount failed: <redacted> / <redacted> / <redacted> for db');
    expect(scrubSecretValues('hunter2-long', { kind: 'ConfigMap' })).toBe('hunter2-long');
  });
});
