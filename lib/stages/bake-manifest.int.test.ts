import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutArtifact } from '../artifacts';
import { startTestGitRepo } from '../artifacts/test-git-repo';
import { clusterClientFor, type ClusterClient } from '../kubernetes/client';
import { eventually, testAccounts, uniqueName } from '../kubernetes/testing';
import { ensureHelmBinary } from '../world/cluster/helm-build';
import { bakeManifest } from './bake-manifest';
import { deployManifest } from './kubernetes/deploy-manifest';
import { fakeClock, runUntilDone, stageContext } from './testing';

// Bake (Manifest) with the real helm (the pinned build the chart tests use, from the cache), then
// Deploy (Manifest) of the baked artifact on the real local control plane, as the engine chains them:
// the deploy binds the bake's produced artifact by manifestArtifactId.
const fixtures = path.join(import.meta.dirname, 'bake', 'fixtures');
let admin: ClusterClient;
let ns: string;
let tmp: string;
let helm: string;
const charts: Record<string, string> = {};
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

beforeAll(async () => {
  helm = await ensureHelmBinary();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bake-it-'));
  for (const name of ['web', 'broken']) {
    await promisify(execFile)(helm, ['package', path.join(fixtures, name), '-d', tmp], { env: { ...process.env, HELM_CACHE_HOME: tmp, HELM_CONFIG_HOME: tmp, HELM_DATA_HOME: tmp } });
    charts[name] = (await fs.readFile(path.join(tmp, `${name}-0.1.0.tgz`))).toString('base64');
  }
  admin = clusterClientFor(testAccounts().admin);
  ns = uniqueName('bake');
  await admin.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => admin.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

const produces = (name: string) => [{ id: 'baked', displayName: 'baked', matchArtifact: { type: 'embedded/base64', kind: 'base64', name } }];

describe('bakeManifest (HELM3)', () => {
  it('renders the chart with a values artifact and overrides, and deployManifest deploys what it baked', async () => {
    const release = uniqueName('web');
    const bake = stageContext(bakeManifest, {
      templateRenderer: 'HELM3',
      outputName: release,
      namespace: ns,
      // The chart inline, the values file bound by the trigger (as Deck writes both).
      inputArtifacts: [{ account: 'embedded-artifact', artifact: { type: 'embedded/base64', name: 'web', reference: charts.web } }, { id: 'values', account: 'embedded-artifact' }],
      overrides: { 'image.tag': '2.0.0', replicas: '2' },
      expectedArtifacts: produces(release),
    }, { services: { helmBinary: () => helm } });
    bake.execution.trigger = {
      type: 'manual',
      resolvedExpectedArtifacts: [{ id: 'values', matchArtifact: { type: 'embedded/base64' }, boundArtifact: { type: 'embedded/base64', name: 'values.yaml', reference: base64('greeting: from the values artifact\n') } }],
    };
    const baked = await bakeManifest.run(bake);
    expect(baked.status, JSON.stringify(baked)).toBe('succeeded');
    const outputs = baked.status === 'succeeded' ? (baked.outputs ?? {}) : {};
    const [artifact] = outputs.artifacts as { type: string; name: string; reference: string }[];
    expect(artifact).toMatchObject({ type: 'embedded/base64', name: release });
    expect(Buffer.from(artifact?.reference ?? '', 'base64').toString('utf8')).toContain('image: "registry.example/web:2.0.0"');

    const bakeStage = { ...bake.stage, id: 'stage-bake', refId: 'bake', status: 'SUCCEEDED', outputs };
    const deploy = stageContext(deployManifest, { account: 'it', source: 'artifact', manifestArtifactId: 'baked' }, { clock: fakeClock(Date.now()), services: { kubernetes: async () => admin } });
    deploy.stage = { ...deploy.stage, refId: 'deploy', requisiteStageRefIds: ['bake'] };
    deploy.stages = [bakeStage, deploy.stage];
    const deployed = await runUntilDone(deployManifest, deploy);
    expect(deployed.status, JSON.stringify(deployed)).toBe('succeeded');

    const live = await admin.get({ kind: 'deployment', name: release, namespace: ns });
    const spec = live.spec as { replicas: number; template: { spec: { containers: { image: string; env: { name: string; value: string }[] }[] } } };
    expect(spec.replicas).toBe(2);
    expect(spec.template.spec.containers[0]?.image).toBe('registry.example/web:2.0.0');
    expect(spec.template.spec.containers[0]?.env).toStrictEqual([{ name: 'GREETING', value: 'from the values artifact' }]);
  });

  it('fails the stage with helm\u2019s own message when the chart does not render', async () => {
    const result = await bakeManifest.run(
      stageContext(bakeManifest, {
        templateRenderer: 'HELM3',
        outputName: 'broken',
        inputArtifacts: [{ artifact: { type: 'embedded/base64', reference: charts.broken } }],
        expectedArtifacts: produces('broken'),
      }, { services: { helmBinary: () => helm } }),
    );
    expect(result).toStrictEqual({ status: 'failed', reason: 'helm could not render the chart: parse error at (broken/templates/configmap.yaml:4): unexpected "}" in operand' });
  });

  it('renders a chart folder from a git/repo artifact (helmChartFilePath), with an embedded values file', async () => {
    const files: Record<string, string> = {};
    for (const file of ['Chart.yaml', 'values.yaml', 'templates/deployment.yaml']) files[`charts/web/${file}`] = await fs.readFile(path.join(fixtures, 'web', file), 'utf8');
    const repo = await startTestGitRepo({ main: files });
    try {
      const deps = { accounts: [{ name: 'git', type: 'git/repo' as const }], policy: { allow: ['127.0.0.1'] }, gitBinary: 'git' };
      const services = { helmBinary: () => helm, checkoutArtifact: (artifact: Record<string, unknown>, _what: string, dir: string) => checkoutArtifact(artifact, dir, deps) };
      const config = (helmChartFilePath: string) => ({
        templateRenderer: 'HELM3',
        outputName: 'from-git',
        helmChartFilePath,
        inputArtifacts: [{ artifact: { type: 'git/repo', reference: repo.url, version: 'main', artifactAccount: 'git' } }, { artifact: { type: 'embedded/base64', reference: base64('greeting: from git\n') } }],
        expectedArtifacts: produces('from-git'),
      });
      const baked = await bakeManifest.run(stageContext(bakeManifest, config('charts/web/Chart.yaml'), { services }));
      expect(baked.status, JSON.stringify(baked)).toBe('succeeded');
      const [artifact] = (baked.status === 'succeeded' ? (baked.outputs?.artifacts ?? []) : []) as { reference: string }[];
      const yaml = Buffer.from(artifact?.reference ?? '', 'base64').toString('utf8');
      expect(yaml).toContain('name: from-git');
      expect(yaml).toContain('value: "from git"');
      expect(await bakeManifest.run(stageContext(bakeManifest, config('charts'), { services }))).toStrictEqual({ status: 'failed', reason: 'The repository has no chart at charts (no Chart.yaml; set helmChartFilePath)' });
    } finally {
      await repo.close();
    }
  });

  it('fails in words for what it cannot bake: a renderer it does not run, an input nothing bound, a mismatched output name', async () => {
    const base = { outputName: 'web', expectedArtifacts: produces('web'), inputArtifacts: [{ artifact: { type: 'embedded/base64', reference: charts.web } }] };
    const run = (config: Record<string, unknown>) => bakeManifest.run(stageContext(bakeManifest, { ...base, ...config }, { services: { helmBinary: () => helm } }));
    expect(await run({ templateRenderer: 'HELMFILE' })).toStrictEqual({ status: 'failed', reason: 'Foresail bakes with the HELM3 and KUSTOMIZE renderers; this stage asks for "HELMFILE"' });
    expect(await run({ templateRenderer: 'HELM3', inputArtifacts: [{ id: 'chart' }] })).toStrictEqual({
      status: 'failed',
      reason: 'The input artifact 1 (expected artifact "chart") could not be found in this execution: no trigger or upstream stage bound it',
    });
    expect(await run({ templateRenderer: 'HELM3', outputName: 'other' })).toStrictEqual({ status: 'failed', reason: 'The output name ("other") is required and must match the produced artifact\'s name ("web")' });
  });
});
