import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load';

const dirs: string[] = [];
function writeConfig(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-config-'));
  dirs.push(dir);
  const file = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(file, text);
  return file;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function issuesOf(fn: () => unknown): ConfigError['issues'] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives every key a default when nothing is configured', () => {
    const config = loadConfig({ env: {} });
    expect(config.server).toEqual({ port: 3000, host: '127.0.0.1', maxBodyBytes: 1_048_576, trustedProxies: [] });
    expect(config.database.url).toBeUndefined();
    expect(config.dataDir).toBe('.foresail');
    expect(config.worker.processes).toBe(1);
  });

  it('reads environment variables with their types', () => {
    const config = loadConfig({ env: { PORT: '4100', DATABASE_URL: 'postgresql://u:p@db:5432/fs', LOG_LEVEL: 'debug', FORESAIL_WORKER_PROCESSES: '2' } });
    expect(config.server.port).toBe(4100);
    expect(config.database.url).toBe('postgresql://u:p@db:5432/fs');
    expect(config.log.level).toBe('debug');
    expect(config.worker.processes).toBe(2);
  });

  it('lets the environment override the file', () => {
    const file = writeConfig('server:\n  port: 4000\n  host: 0.0.0.0\n');
    const config = loadConfig({ env: { PORT: '4200' }, file });
    expect(config.server.port).toBe(4200);
    expect(config.server.host).toBe('0.0.0.0');
  });

  it('names the environment variable behind a malformed URL', () => {
    const [issue] = issuesOf(() => loadConfig({ env: { DATABASE_URL: 'mysql://nope' } }));
    expect(issue).toMatchObject({ key: 'database.url', source: 'environment variable DATABASE_URL' });
    expect(issue?.message).toMatch(/PostgreSQL URL/);
  });

  it('names a non-numeric port and where it came from', () => {
    const [issue] = issuesOf(() => loadConfig({ env: { PORT: 'eighty' } }));
    expect(issue).toMatchObject({ key: 'server.port', source: 'environment variable PORT', message: 'expected number' });
  });

  it('rejects unknown keys so typos are caught', () => {
    const file = writeConfig('server:\n  prot: 3000\n');
    const [issue] = issuesOf(() => loadConfig({ env: {}, file }));
    expect(issue?.key).toBe('server.prot');
    expect(issue?.message).toMatch(/unknown key/);
  });

  it('accepts trusted proxies as addresses or CIDR ranges, and names a bad entry', () => {
    const good = writeConfig('server:\n  trustedProxies: [10.0.0.0/8, 192.0.2.7, "fd00::/8"]\n');
    expect(loadConfig({ env: {}, file: good }).server.trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.7', 'fd00::/8']);
    const bad = writeConfig('server:\n  trustedProxies: [10.0.0.0/33]\n');
    expect(issuesOf(() => loadConfig({ env: {}, file: bad }))[0]).toMatchObject({ key: 'server.trustedProxies[0]', message: 'must be an IP address or a CIDR range such as 10.0.0.0/8' });
  });

  it('reports YAML syntax errors with their line', () => {
    const file = writeConfig('server:\n  port: 3000\n   host: x\n');
    const [issue] = issuesOf(() => loadConfig({ env: {}, file }));
    expect(issue?.source).toMatch(/line \d/);
  });

  it('rejects duplicate keys', () => {
    const file = writeConfig('log:\n  level: info\nlog:\n  level: debug\n');
    expect(issuesOf(() => loadConfig({ env: {}, file })).length).toBeGreaterThan(0);
  });

  it('says when the file is missing', () => {
    const [issue] = issuesOf(() => loadConfig({ env: { FORESAIL_CONFIG: '/nonexistent/foresail.yaml' } }));
    expect(issue?.message).toBe('file not found');
  });

  it('expands ${VAR} from the environment and names a missing one', () => {
    const file = writeConfig('database:\n  url: postgresql://app:${DB_PASSWORD}@db/fs\n');
    expect(loadConfig({ env: { DB_PASSWORD: 's3cret' }, file }).database.url).toBe('postgresql://app:s3cret@db/fs');
    const [issue] = issuesOf(() => loadConfig({ env: {}, file }));
    expect(issue).toMatchObject({ key: 'database.url' });
    expect(issue?.message).toMatch(/DB_PASSWORD/);
  });

  it('validates ranges', () => {
    const file = writeConfig('worker:\n  concurrency: 0\n');
    const [issue] = issuesOf(() => loadConfig({ env: {}, file }));
    expect(issue).toMatchObject({ key: 'worker.concurrency', message: 'must be at least 1' });
  });

  it('validates Kubernetes accounts: kubeconfig or in-cluster, files that exist, unique names', () => {
    const kubeconfig = writeConfig('apiVersion: v1\nkind: Config\n');
    const file = writeConfig(`kubernetes:\n  accounts:\n    - name: staging\n      kubeconfigFile: ${kubeconfig}\n      context: admin\n    - name: staging\n      inCluster: true\n    - name: prod\n      kubeconfigFile: /nope/kubeconfig\n`);
    const issues = issuesOf(() => loadConfig({ env: {}, file }));
    expect(issues.map((i) => i.key).sort()).toEqual(['kubernetes.accounts[1].name', 'kubernetes.accounts[2].kubeconfigFile']);
    expect(issues.find((i) => i.key.endsWith('kubeconfigFile'))?.message).toBe('file not found: /nope/kubeconfig');
  });

  it('reads metrics accounts with their READ roles and their own egress allow-list (default: admins only, nothing allowed)', () => {
    const file = writeConfig('prometheus:\n  egress:\n    allow: [10.20.0.0/16, prom.corp]\n  accounts:\n    - name: prod\n      url: http://prom.corp:9090\n      permissions:\n        READ: [sre]\n    - name: lab\n      url: http://10.20.0.5:9090\n');
    const { prometheus, egress } = loadConfig({ env: {}, file });
    expect(prometheus.egress.allow).toEqual(['10.20.0.0/16', 'prom.corp']);
    expect(prometheus.accounts.map((a) => [a.name, a.permissions.READ])).toEqual([['prod', ['sre']], ['lab', []]]);
    expect(egress).toEqual({ allow: [], dnsServers: [] });
  });

  it('checks every egress allow-list entry and DNS server', () => {
    const file = writeConfig('egress:\n  allow: ["10.0.0.0/33", "*.corp"]\n  dnsServers: ["127.0.0.1:5353", "[::1]:53", "fd00::53", "dns.corp", "10.0.0.2:99999"]\nprometheus:\n  egress:\n    allow: [""]\n');
    const issues = issuesOf(() => loadConfig({ env: {}, file }));
    expect(issues.map((i) => [i.key, i.message])).toEqual([
      ['egress.allow[0]', '"10.0.0.0/33" is not a valid IP address or CIDR range'],
      ['egress.allow[1]', '"*.corp" uses a wildcard; list each host name exactly, or allow its address range as a CIDR'],
      ['egress.dnsServers[3]', 'must be an IP address with an optional port, such as 10.0.0.2 or 127.0.0.1:5353'],
      ['egress.dnsServers[4]', 'must be an IP address with an optional port, such as 10.0.0.2 or 127.0.0.1:5353'],
      ['prometheus.egress.allow[0]', 'must not be empty'],
    ]);
  });

  it('requires a mapping at the top level', () => {
    const file = writeConfig('- just\n- a list\n');
    expect(issuesOf(() => loadConfig({ env: {}, file }))[0]?.message).toMatch(/mapping/);
  });
});
