import { describe, expect, it } from 'vitest';
import { redactConfig } from './redact';

describe('redactConfig', () => {
  it('masks secret-looking keys and URL passwords, keeps the rest', () => {
    const out = redactConfig({
      database: { url: 'postgresql://app:hunter2@db:5432/fs', poolSize: 5 },
      auth: { github: { clientId: 'abc', clientSecret: 'xyz' }, ldap: { bindPassword: 'pw' } },
      tokens: ['a'],
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|xyz|"pw"/);
    expect(out).toMatchObject({ database: { url: 'postgresql://app:********@db:5432/fs', poolSize: 5 }, auth: { github: { clientId: 'abc' } } });
  });
});
