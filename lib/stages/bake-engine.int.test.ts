import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { setTestConfig } from '@/e2e/runner/test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '../db/applications';
import { clusterClientFor } from '../kubernetes/client';
import { eventually, testAccounts, uniqueName } from '../kubernetes/testing';
import { ensureHelmBinary } from '../world/cluster/helm-build';

// Bake (Manifest) → Deploy (Manifest) through the real engine: the chart comes in as the pipeline's
// expected artifact (its embedded/base64 default), an override is a SpEL expression the engine
// evaluates before the bake (as Orca does), and the deploy binds the baked artifact by id.
useTestDatabase();
useEngine();

let ns: string;
let tmp: string;
let chart: string;

beforeAll(async () => {
  const helm = await ensureHelmBinary();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bake-engine-'));
  await promisify(execFile)(helm, ['package', path.join(import.meta.dirname, 'bake', 'fixtures', 'web'), '-d', tmp], { env: { ...process.env, HELM_CACHE_HOME: tmp, HELM_CONFIG_HOME: tmp, HELM_DATA_HOME: tmp } });
  chart = (await fs.readFile(path.join(tmp, 'web-0.1.0.tgz'))).toString('base64');
  const { info, admin } = testAccounts();
  setTestConfig({
    worker: { processes: 0 },
    bake: { helmBinary: helm },
    kubernetes: { accounts: [{ name: 'deploy-ok', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
  });
  await createApplication({ name: 'bakery', ownerEmail: 'b@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: ['release-managers'] } });
  ns = uniqueName('bake-engine');
  const client = clusterClientFor(admin);
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

describe('bakeManifest in the engine', () => {
  it('bakes the trigger\u2019s chart with an evaluated override, and the next stage deploys the baked manifest', async () => {
    const release = uniqueName('baked');
    const id = await trigger(
      await savePipeline('bakery', {
        parameterConfig: [{ name: 'tag', default: '3.1.4' }],
        expectedArtifacts: [{ id: 'chart', displayName: 'web chart', matchArtifact: { type: 'embedded/base64', name: 'web-chart' }, useDefaultArtifact: true, defaultArtifact: { type: 'embedded/base64', name: 'web-chart', reference: chart } }],
        stages: [
          {
            refId: 'bake',
            requisiteStageRefIds: [],
            type: 'bakeManifest',
            name: 'Bake',
            templateRenderer: 'HELM3',
            outputName: release,
            namespace: ns,
            inputArtifacts: [{ id: 'chart', account: 'embedded-artifact' }],
            overrides: { 'image.tag': '${trigger.parameters.tag}', greeting: 'baked in ${execution.application}' },
            expectedArtifacts: [{ id: 'baked', matchArtifact: { type: 'embedded/base64', kind: 'base64', name: release } }],
          },
          { refId: 'deploy', requisiteStageRefIds: ['bake'], type: 'deployManifest', name: 'Deploy', account: 'deploy-ok', cloudProvider: 'kubernetes', source: 'artifact', manifestArtifactId: 'baked' },
        ],
      }),
    );
    const e = await waitFor(id, finished, 90_000);
    expect(e.status, JSON.stringify(e.stages.map((s) => [s.refId, s.status, s.context.exception]))).toBe('SUCCEEDED');
    expect(stageByRef(e, 'bake').outputs.artifacts).toMatchObject([{ type: 'embedded/base64', name: release }]);
    const live = await clusterClientFor(testAccounts().admin).get({ kind: 'deployment', name: release, namespace: ns });
    const container = (live.spec as { template: { spec: { containers: { image: string; env: { name: string; value: string }[] }[] } } }).template.spec.containers[0];
    expect(container?.image).toBe('registry.example/web:3.1.4');
    expect(container?.env).toStrictEqual([{ name: 'GREETING', value: 'baked in bakery' }]);
  });
});
