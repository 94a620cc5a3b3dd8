import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { setTestConfig } from '@/e2e/runner/test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { startTestGitRepo, type TestGitRepo } from '../artifacts/test-git-repo';
import { createApplication } from '../db/applications';
import { clusterClientFor } from '../kubernetes/client';
import { eventually, testAccounts, uniqueName } from '../kubernetes/testing';
import { ensureKustomizeBinary } from '../world/cluster/kustomize-build';

// Bake (Manifest) with KUSTOMIZE → Deploy (Manifest) through the real engine on the local cluster:
// the real kustomize (built from Go modules into the cache, like helm) builds an overlay of a git/repo
// artifact cloned from a local bare repository, in Spinnaker's shape (inputArtifact + kustomizeFilePath).
useTestDatabase();
useEngine();

let ns: string;
let repo: TestGitRepo;
const app = uniqueName('kweb');

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
spec:
  replicas: 1
  selector:
    matchLabels: { app: ${app} }
  template:
    metadata:
      labels: { app: ${app} }
    spec:
      containers:
        - name: web
          image: registry.example/web:1.0.0
          envFrom: [{ configMapRef: { name: settings } }]
`;

beforeAll(async () => {
  const kustomize = await ensureKustomizeBinary();
  repo = await startTestGitRepo({
    main: {
      'deploy/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'deploy/base/deployment.yaml': deployment,
      'deploy/overlays/prod/kustomization.yaml':
        'resources:\n  - ../../base\nnamePrefix: prod-\nimages:\n  - name: registry.example/web\n    newTag: 2.5.0\nconfigMapGenerator:\n  - name: settings\n    literals: [MODE=production]\n',
      'deploy/overlays/remote/kustomization.yaml': 'resources:\n  - ../../base\n  - https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.0.0\n',
    },
  });
  const { info, admin } = testAccounts();
  setTestConfig({
    worker: { processes: 0 },
    egress: { allow: ['127.0.0.1'] },
    bake: { kustomizeBinary: kustomize },
    artifacts: { accounts: [{ name: 'git', type: 'git/repo' }] },
    kubernetes: { accounts: [{ name: 'deploy-ok', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
  });
  await createApplication({ name: 'kustomized', ownerEmail: 'k@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: ['release-managers'] } });
  ns = uniqueName('kustomize');
  const client = clusterClientFor(admin);
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

afterAll(async () => {
  await repo?.close();
});

const pipeline = (kustomizeFilePath: string) => ({
  expectedArtifacts: [{ id: 'repo', displayName: 'deploy repo', matchArtifact: { type: 'git/repo' }, useDefaultArtifact: true, defaultArtifact: { type: 'git/repo', reference: repo.url, version: 'main', artifactAccount: 'git' } }],
  stages: [
    {
      refId: 'bake',
      requisiteStageRefIds: [],
      type: 'bakeManifest',
      name: 'Bake',
      templateRenderer: 'KUSTOMIZE',
      outputName: 'prod',
      inputArtifact: { id: 'repo', account: 'git' },
      kustomizeFilePath,
      expectedArtifacts: [{ id: 'baked', matchArtifact: { type: 'embedded/base64', kind: 'base64', name: 'prod' } }],
    },
    { refId: 'deploy', requisiteStageRefIds: ['bake'], type: 'deployManifest', name: 'Deploy', account: 'deploy-ok', namespaceOverride: ns, source: 'artifact', manifestArtifactId: 'baked' },
  ],
});

describe('bakeManifest with KUSTOMIZE in the engine', () => {
  it('builds the overlay of the cloned repository with the real kustomize, and the next stage deploys it', async () => {
    const id = await trigger(await savePipeline('kustomized', pipeline('deploy/overlays/prod/kustomization.yaml')));
    const e = await waitFor(id, finished, 120_000);
    expect(e.status, JSON.stringify(e.stages.map((s) => [s.refId, s.status, s.context.exception]))).toBe('SUCCEEDED');
    const [artifact] = stageByRef(e, 'bake').outputs.artifacts as { type: string; name: string; reference: string }[];
    expect(artifact).toMatchObject({ type: 'embedded/base64', name: 'prod' });
    const client = clusterClientFor(testAccounts().admin);
    const live = await client.get({ kind: 'deployment', name: `prod-${app}`, namespace: ns });
    const container = (live.spec as { template: { spec: { containers: { image: string; envFrom: { configMapRef: { name: string } }[] }[] } } }).template.spec.containers[0];
    expect(container?.image).toBe('registry.example/web:2.5.0');
    // configMapGenerator's hashed name, rewritten into the Deployment by kustomize.
    const configMapName = container?.envFrom[0]?.configMapRef.name ?? '';
    expect(configMapName).toMatch(/^prod-settings-[a-z0-9]{10}$/);
    expect((await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: configMapName, namespace: ns })).data).toEqual({ MODE: 'production' });
  });

  it('refuses a remote base in words before kustomize could fetch it past the egress policy', async () => {
    const id = await trigger(await savePipeline('kustomized', pipeline('deploy/overlays/remote/kustomization.yaml')));
    const e = await waitFor(id, finished, 120_000);
    expect(e.status).toBe('TERMINAL');
    expect(JSON.stringify(stageByRef(e, 'bake').context.exception)).toContain(
      'The kustomization cannot be built: deploy/overlays/remote/kustomization.yaml names \\"https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v5.0.0\\" in resources, which is not a file or folder of the repository',
    );
    expect(stageByRef(e, 'deploy').status).toBe('NOT_STARTED');
  });
});
