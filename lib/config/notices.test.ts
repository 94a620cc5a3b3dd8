import { describe, expect, it } from 'vitest';
import { configNotices } from './notices';
import { configSchema } from './schema';

const notices = (input: unknown) => configNotices(configSchema.parse(input));

describe('configNotices', () => {
  it('says nothing for metrics accounts with READ roles and their own allow-list', () => {
    expect(notices({ prometheus: { egress: { allow: ['10.0.0.0/8'] }, accounts: [{ name: 'prod', url: 'http://10.0.0.5:9090', permissions: { READ: ['sre'] } }] } })).toEqual([]);
    expect(notices({})).toEqual([]);
  });

  it('names a metrics account only administrators may use, and a private address allowed the old way', () => {
    const config = { egress: { allow: ['10.0.0.0/8', 'prom.corp'] }, prometheus: { accounts: [{ name: 'prod', url: 'http://10.0.0.5:9090' }, { name: 'lab', url: 'http://prom.corp', permissions: { READ: ['dev'] } }, { name: 'cloud', url: 'https://1.1.1.1' }] } };
    expect(notices(config)).toEqual([
      'prometheus.accounts[0] (prod): no role may READ it, so only administrators can preview queries, run analyses or run canary stages with it; list roles in permissions.READ',
      'prometheus.accounts[0] (prod): 10.0.0.5 is allowed in egress.allow, which covers webhook stages and notifications but not metrics accounts; add it to prometheus.egress.allow',
      'prometheus.accounts[1] (lab): prom.corp is allowed in egress.allow, which covers webhook stages and notifications but not metrics accounts; add it to prometheus.egress.allow',
      'prometheus.accounts[2] (cloud): no role may READ it, so only administrators can preview queries, run analyses or run canary stages with it; list roles in permissions.READ',
    ]);
  });

  it('names an artifact account whose credentials could go to any URL', () => {
    const accounts = [
      { name: 'web', type: 'http/file', token: 't' },
      { name: 'web-scoped', type: 'http/file', token: 't', baseUrl: 'https://files.corp/' },
      { name: 'gh', type: 'github/file', token: 't' },
      { name: 'git', type: 'git/repo', username: 'bot', password: 'p' },
      { name: 'anonymous', type: 'git/repo' },
    ];
    expect(notices({ artifacts: { accounts } })).toEqual([
      'artifacts.accounts[0] (web): has credentials but no baseUrl, so any pipeline may send them to any URL it names in an artifact; set baseUrl to the host they are for',
      'artifacts.accounts[3] (git): has credentials but no baseUrl, so any pipeline may send them to any URL it names in an artifact; set baseUrl to the host they are for',
    ]);
  });
});
