import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { setTestConfig } from '@/e2e/runner/test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { startGitHubStandIn, type GitHubStandIn } from '@/e2e/github/server';
import { startTestGitRepo, type TestGitRepo } from '../artifacts/test-git-repo';
import { createApplication } from '../db/applications';
import { startTestServer, type TestServer } from '../egress/test-server';
import { clusterClientFor } from '../kubernetes/client';
import { eventually, testAccounts, uniqueName } from '../kubernetes/testing';

// deployManifest from remote manifest artifacts through the real engine, on the local cluster: a
// github/file through the GitHub stand-in's contents API (a private repository, the account's token,
// the Enterprise base URL), an http/file from a local HTTP server, and a git/repo cloned from a local
// bare repository; every fetch under the egress policy, which lets 127.0.0.1 through and not 127.0.0.2.
useTestDatabase();
useEngine();

const TOKEN = 'ghp_remote_artifact_token';
let ns: string;
let gh: GitHubStandIn;
let web: TestServer;
let refusedWeb: TestServer;
let repo: TestGitRepo;
const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  source: ${value}\n`;
const names = { github: uniqueName('from-github'), http: uniqueName('from-http'), git: uniqueName('from-git'), gitOther: uniqueName('from-git-b') };

beforeAll(async () => {
  gh = await startGitHubStandIn();
  gh.putContents({ owner: 'acme', repo: 'deploy', ref: 'v1.2.0', files: { 'k8s/config.yaml': configMap(names.github, 'github-file') }, token: TOKEN });
  const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: from-artifact-\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: main, image: registry.example/task:1 }]\n';
  web = await startTestServer((req, res) => (req.path === '/job.yaml' ? res.writeHead(200).end(job) : res.writeHead(req.path === '/config.yaml' ? 200 : 404).end(configMap(names.http, 'http-file'))));
  refusedWeb = await startTestServer((_req, res) => res.writeHead(200).end(configMap('never', 'x')), { host: '127.0.0.2' });
  repo = await startTestGitRepo({ main: { 'deploy/a.yaml': configMap(names.git, 'git-repo'), 'deploy/b.yaml': configMap(names.gitOther, 'git-repo'), 'README.md': 'x' } });
  const { info, admin } = testAccounts();
  setTestConfig({
    worker: { processes: 0 },
    egress: { allow: ['127.0.0.1'] },
    artifacts: {
      accounts: [
        { name: 'ghe', type: 'github/file', baseUrl: `${gh.url}/api/v3`, token: TOKEN },
        { name: 'web', type: 'http/file' },
        { name: 'git', type: 'git/repo' },
      ],
    },
    kubernetes: { accounts: [{ name: 'deploy-ok', kubeconfigFile: info.kubeconfigPath, context: info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
  });
  await createApplication({ name: 'remote', ownerEmail: 'r@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: ['release-managers'] } });
  ns = uniqueName('remote');
  const client = clusterClientFor(admin);
  await client.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => client.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

afterAll(async () => {
  await gh?.stop();
  await web?.close();
  await refusedWeb?.close();
  await repo?.close();
});

const deploy = (refId: string, artifact: Record<string, unknown>) => ({ refId, requisiteStageRefIds: [], type: 'deployManifest', name: `Deploy ${refId}`, account: 'deploy-ok', namespaceOverride: ns, source: 'artifact', manifestArtifact: artifact });
const sourceOf = async (name: string) => (await clusterClientFor(testAccounts().admin).get({ apiVersion: 'v1', kind: 'ConfigMap', name, namespace: ns })).data;

describe('remote manifest artifacts in the engine', () => {
  it('deploys a github/file, an http/file and a git/repo folder, each fetched through its artifact account', async () => {
    const id = await trigger(
      await savePipeline('remote', {
        expectedArtifacts: [{ id: 'from-git', matchArtifact: { type: 'git/repo' }, useDefaultArtifact: true, defaultArtifact: { type: 'git/repo', reference: repo.url, version: 'main', artifactAccount: 'git', metadata: { subPath: 'deploy' } } }],
        stages: [
          deploy('github', { type: 'github/file', name: 'k8s/config.yaml', reference: `${gh.url}/api/v3/repos/acme/deploy/contents/k8s/config.yaml`, version: 'v1.2.0', artifactAccount: 'ghe' }),
          deploy('http', { type: 'http/file', reference: `${web.origin}/config.yaml`, artifactAccount: 'web' }),
          { refId: 'git', requisiteStageRefIds: [], type: 'deployManifest', name: 'Deploy git', account: 'deploy-ok', namespaceOverride: ns, source: 'artifact', manifestArtifactId: 'from-git' },
        ],
      }),
    );
    const e = await waitFor(id, finished, 90_000);
    expect(e.status, JSON.stringify(e.stages.map((s) => [s.refId, s.status, s.context.exception]))).toBe('SUCCEEDED');
    expect(await sourceOf(names.github)).toEqual({ source: 'github-file' });
    expect(await sourceOf(names.http)).toEqual({ source: 'http-file' });
    expect(await sourceOf(names.git)).toEqual({ source: 'git-repo' });
    expect(await sourceOf(names.gitOther)).toEqual({ source: 'git-repo' });
    // The token went to the stand-in only, and nothing shows it.
    expect(gh.requests.some((r) => r.path === '/api/v3/repos/acme/deploy/contents/k8s/config.yaml')).toBe(true);
    expect(JSON.stringify(e)).not.toContain(TOKEN);
    expect(web.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('runs a Job whose manifest is an http/file artifact (runJobManifest, source artifact)', async () => {
    const id = await trigger(
      await savePipeline('remote', {
        expectedArtifacts: [{ id: 'job', matchArtifact: { type: 'http/file' }, useDefaultArtifact: true, defaultArtifact: { type: 'http/file', reference: `${web.origin}/job.yaml`, artifactAccount: 'web' } }],
        stages: [{ refId: 'job', requisiteStageRefIds: [], type: 'runJobManifest', name: 'Run job', account: 'deploy-ok', namespaceOverride: ns, source: 'artifact', manifestArtifactId: 'job' }],
      }),
    );
    const e = await waitFor(id, finished, 90_000);
    expect(e.status, JSON.stringify(e.stages.map((s) => [s.refId, s.status, s.context.exception]))).toBe('SUCCEEDED');
    expect(stageByRef(e, 'job').outputs.jobStatus).toMatchObject({ status: 'SUCCEEDED', location: ns, kind: 'Job' });
  });

  it('fails the stage with the egress policy\u2019s reason for an address it refuses', async () => {
    const id = await trigger(await savePipeline('remote', { stages: [deploy('refused', { type: 'http/file', reference: `${refusedWeb.origin}/config.yaml`, artifactAccount: 'web' })] }));
    const e = await waitFor(id, finished, 60_000);
    expect(e.status).toBe('TERMINAL');
    expect(stageByRef(e, 'refused').context.exception).toMatchObject({
      details: { error: `Could not read the manifest artifact: fetching ${refusedWeb.origin}/config.yaml failed: 127.0.0.2 is a loopback address; ask an administrator to allow it in egress.allow` },
    });
    expect(refusedWeb.requests).toEqual([]);
  });
});
