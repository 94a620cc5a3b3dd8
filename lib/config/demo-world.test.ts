import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load';

const world = JSON.stringify({ kubeconfigFile: '/data/world/kubeconfig', context: 'demo', prometheusUrl: 'http://127.0.0.1:9392' });
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo world in the configuration', () => {
  it('adds the demo cluster and Prometheus accounts in demo mode, although the kubeconfig does not exist yet', () => {
    const config = loadConfig({ env: { FORESAIL_DEMO: 'true', FORESAIL_DEMO_WORLD: world } });
    expect(config.kubernetes.accounts).toEqual([
      {
        name: 'demo',
        kubeconfigFile: '/data/world/kubeconfig',
        context: 'demo',
        inCluster: false,
        namespaces: [],
        permissions: { READ: ['viewers', 'developers', 'release-managers'], WRITE: ['release-managers'] },
        pipelineSync: { namespaces: ['goldengoose-gitops'], bindings: [{ namespace: 'goldengoose-gitops', applications: ['goldengoose'], roles: ['release-managers'] }], onDelete: 'delete' },
      },
    ]);
    expect(config.prometheus.accounts).toEqual([{ name: 'demo-prometheus', url: 'http://127.0.0.1:9392', tls: { insecureSkipVerify: false }, permissions: { READ: ['developers', 'release-managers'] } }]);
    expect(config.prometheus.egress.allow).toEqual(['127.0.0.1/32']);
  });

  it('adds nothing outside demo mode or without a world', () => {
    const notDemo = loadConfig({ env: { FORESAIL_DEMO_WORLD: world } });
    expect([notDemo.kubernetes.accounts, notDemo.prometheus.accounts, notDemo.prometheus.egress.allow]).toEqual([[], [], []]);
    expect(loadConfig({ env: { FORESAIL_DEMO: 'true' } }).kubernetes.accounts).toEqual([]);
  });

  it('keeps an operator\'s own account of the same name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-config-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
    fs.writeFileSync(path.join(dir, 'foresail.yaml'), `kubernetes:\n  accounts:\n    - name: demo\n      kubeconfigFile: ${path.join(dir, 'kubeconfig')}\n`);
    const config = loadConfig({ env: { FORESAIL_DEMO: 'true', FORESAIL_DEMO_WORLD: world, FORESAIL_CONFIG: path.join(dir, 'foresail.yaml') } });
    expect(config.kubernetes.accounts.map((a) => [a.name, a.kubeconfigFile])).toEqual([['demo', path.join(dir, 'kubeconfig')]]);
    expect(config.prometheus.accounts.map((a) => a.name)).toEqual(['demo-prometheus']);
  });

  it('names the variable when its value is malformed', () => {
    for (const bad of ['{', JSON.stringify({ kubeconfigFile: 'k', context: 'demo', prometheusUrl: 'http://10.0.0.1:9090' })]) {
      try {
        loadConfig({ env: { FORESAIL_DEMO: 'true', FORESAIL_DEMO_WORLD: bad } });
        throw new Error('expected a ConfigError');
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as ConfigError).issues[0]?.source).toBe('environment variable FORESAIL_DEMO_WORLD');
      }
    }
  });
});
