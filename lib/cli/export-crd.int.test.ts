import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../e2e/runner/test-database';
import { createApplication } from '../db/applications';
import { insertCanaryConfig } from '../db/canary-configs';
import { insertPipeline } from '../db/pipelines';
import { installGitopsResources } from '../gitops/install';
import { clusterClientFor } from '../kubernetes/client';
import { testAccounts, uniqueName } from '../kubernetes/testing';
import type { KubeObject } from '../kubernetes/types';

const root = path.resolve(import.meta.dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const databaseUrl = useTestDatabase();

function foresail(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl() };
  delete env.FORESAIL_CONFIG;
  return spawnSync(tsx, ['--conditions=react-server', 'lib/cli/main.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
}

describe('foresail export --as-crd', () => {
  it('writes an application’s pipelines and canary configs as resources the apiserver accepts, secrets masked', async () => {
    await createApplication({ name: 'goldengoose', ownerEmail: 'gg@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
    const stages = [{ type: 'wait', name: 'Soak', refId: '1', requisiteStageRefIds: [], waitTime: 30 }];
    const triggers = [{ type: 'webhook', enabled: true, source: 'gg', payloadConstraints: {}, secret: 'hunter2-webhook-secret' }];
    await insertPipeline({ id: 'p-1', application: 'goldengoose', name: 'Deploy to Prod', config: { application: 'goldengoose', name: 'Deploy to Prod', stages, triggers }, disabled: false, locked: false, by: 'alice', action: 'create' });
    const metric = { name: 'p99', groups: ['latency'], query: { type: 'prometheus', customInlineTemplate: 'PromQL:rate(x[1m])' } };
    await insertCanaryConfig({ id: 'c-1', application: 'goldengoose', name: 'latency', config: { metrics: [metric], classifier: { groupWeights: { latency: 100 } } }, by: 'alice' });

    const namespace = uniqueName('export');
    const result = foresail(['export', '--as-crd', 'goldengoose', '--namespace', namespace]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('hunter2');
    const resources = parseAllDocuments(result.stdout).map((d) => d.toJSON() as KubeObject);
    expect(resources.map((r) => [r.kind, r.metadata?.name, r.metadata?.namespace])).toEqual([
      ['CanaryConfig', 'latency', namespace],
      ['Pipeline', 'deploy-to-prod', namespace],
    ]);
    expect(resources[1]?.spec).toMatchObject({ application: 'goldengoose', name: 'Deploy to Prod', stages });
    expect(resources[1]?.spec).not.toHaveProperty('id');

    const cluster = clusterClientFor(testAccounts().admin);
    await installGitopsResources(cluster);
    await cluster.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }]);
    try {
      const stored = await cluster.apply(resources);
      expect(stored.map((r) => r.kind)).toEqual(['CanaryConfig', 'Pipeline']);
    } finally {
      await cluster.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
    }
  });

  it('says so when the application does not exist', () => {
    const result = foresail(['export', '--as-crd', 'nobody']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Application nobody not found');
  });
});
