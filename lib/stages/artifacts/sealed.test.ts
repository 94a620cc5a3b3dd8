import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { redactedManifestText } from './sealed';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n';
const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${b64('hunter2-baked')}\nstringData:\n  token: plain-token-value\n`;

describe('redactedManifestText', () => {
  it('leaves manifests without a Secret alone (the artifact can carry them as they are)', () => {
    expect(redactedManifestText(configMap)).toBeUndefined();
    expect(redactedManifestText('')).toBeUndefined();
  });

  it('shows every document, with each Secret value a fingerprint and key names kept', () => {
    const shown = redactedManifestText(`${configMap}---\n${secret}`) ?? '';
    for (const value of ['hunter2-baked', b64('hunter2-baked'), 'plain-token-value']) expect(shown).not.toContain(value);
    const docs = parseAllDocuments(shown);
    const [first, second] = (Array.isArray(docs) ? docs : [docs]).map((d) => d.toJS() as Record<string, Record<string, string>>);
    expect(first?.data).toEqual({ mode: 'fast' });
    expect(Object.keys(second?.data ?? {})).toEqual(['password']);
    expect(second?.data?.password).toMatch(/^<redacted hmac:[0-9a-f]{16}>$/);
    expect(second?.stringData?.token).toMatch(/^<redacted hmac:[0-9a-f]{16}>$/);
  });

  it('shows nothing of YAML it cannot read (a Secret in it could not be redacted)', () => {
    expect(redactedManifestText(`${secret}---\ndata: [unclosed\n`)).toMatch(/^# Foresail: these manifests are not valid YAML/);
  });
});
