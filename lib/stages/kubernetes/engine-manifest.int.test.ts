import { beforeAll, describe, expect, it } from 'vitest';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { setTestConfig } from '@/e2e/runner/test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '../../db/applications';
import { clusterClientFor } from '../../kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName } from '../../kubernetes/testing';

// Manifest stages through the real engine (graphile-worker, PostgreSQL) against the local cluster, with
// Kubernetes accounts from configuration: the engine's services check WRITE on the account.
useTestDatabase();
useEngine();

let ns: string;

beforeAll(async () => {
  const { info, admin } = testAccounts();
  const account = { kubeconfigFile: info.kubeconfigPath, context: info.adminContext };
  setTestConfig({
    worker: { processes: 0 },
    kubernetes: {
      accounts: [
        { name: 'deploy-ok', ...account, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } },
        { name: 'ops-only', ...account, permissions: { READ: ['release-managers'], WRITE: ['ops'] } },
      ],
    },
  });
  await createApplication({ name: 'kube', ownerEmail: 'k@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: ['release-managers'] } });
  ns = uniqueName('engine');
  const client = clusterClientFor(admin);
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

const stage = (refId: string, requisites: string[], type: string, fields: Record<string, unknown>) => ({ refId, requisiteStageRefIds: requisites, type, name: `${type} ${refId}`, ...fields });

describe('manifest stages in the engine', () => {
  it('deploy → scale → delete runs to SUCCEEDED and leaves nothing behind', async () => {
    const name = uniqueName('eng');
    const id = await trigger(
      await savePipeline('kube', {
        stages: [
          stage('deploy', [], 'deployManifest', { account: 'deploy-ok', cloudProvider: 'kubernetes', source: 'text', namespaceOverride: ns, manifests: [deploymentManifest(name, 'registry.example/web:1', { replicas: 1 })] }),
          stage('scale', ['deploy'], 'scaleManifest', { account: 'deploy-ok', location: ns, manifestName: `deployment ${name}`, mode: 'static', replicas: 2 }),
          stage('delete', ['scale'], 'deleteManifest', { account: 'deploy-ok', location: ns, manifestName: `deployment ${name}`, mode: 'static', options: { cascading: true } }),
        ],
      }),
    );
    const e = await waitFor(id, finished, 60_000);
    expect(e.status, JSON.stringify(e.stages.map((s) => [s.refId, s.status, s.context.exception]))).toBe('SUCCEEDED');
    expect(stageByRef(e, 'deploy').outputs['outputs.manifestNamesByNamespace']).toEqual({ [ns]: [`deployment ${name}`] });
    expect(stageByRef(e, 'scale').outputs.replicas).toBe(2);
    expect(stageByRef(e, 'delete').outputs.deleted).toEqual([`Deployment ${name} in ${ns}`]);
    expect(await clusterClientFor(testAccounts().admin).find({ kind: 'deployment', name, namespace: ns })).toBeUndefined();
  });

  it('refuses an account the run has no WRITE on, naming the roles it needs', async () => {
    const id = await trigger(
      await savePipeline('kube', { stages: [stage('deploy', [], 'deployManifest', { account: 'ops-only', namespaceOverride: ns, manifests: [deploymentManifest(uniqueName('no'), 'x:1')] })] }),
    );
    const e = await waitFor(id, finished, 30_000);
    expect(e.status).toBe('TERMINAL');
    const error = (stageByRef(e, 'deploy').context.exception as { details: { error: string } }).details.error;
    expect(error).toBe("Deploying to account ops-only failed: tester's run may not change Kubernetes account ops-only: that needs one of the roles ops");
  });
});
