import { beforeAll, describe, expect, it } from 'vitest';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { setTestConfig } from '@/e2e/runner/test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '../db/applications';
import { clusterClientFor } from '../kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName } from '../kubernetes/testing';

// findArtifactFromExecution through the real engine (PostgreSQL, graphile-worker): it reads the last
// execution of another pipeline, and the deploy after it binds what it found into a Deployment on the
// local cluster, as Spinnaker's "deploy what the last successful build produced" pipelines do.
useTestDatabase();
useEngine();

let ns: string;
let admin: ReturnType<typeof clusterClientFor>;
const repository = 'registry.example/finder';
const image = (tag: string) => ({ type: 'docker/image', name: repository, reference: `${repository}:${tag}`, version: tag });

beforeAll(async () => {
  const accounts = testAccounts();
  setTestConfig({
    worker: { processes: 0 },
    kubernetes: { accounts: [{ name: 'finder-k8s', kubeconfigFile: accounts.info.kubeconfigPath, context: accounts.info.adminContext, permissions: { READ: ['release-managers'], WRITE: ['release-managers'] } }] },
  });
  await createApplication({ name: 'finder', ownerEmail: 'f@example.com', description: '', permissions: { READ: ['release-managers'], WRITE: [], EXECUTE: ['release-managers'] } });
  await createApplication({ name: 'vault', ownerEmail: 'v@example.com', description: '', permissions: { READ: ['security'], WRITE: [], EXECUTE: ['security'] } });
  admin = clusterClientFor(accounts.admin);
  ns = uniqueName('finder');
  await admin.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => admin.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

/** A build whose outcome is its `pass` parameter, so one pipeline can have successful and failed executions. */
const build = {
  parameterConfig: [{ name: 'pass', default: 'true' }],
  stages: [{ refId: 'check', requisiteStageRefIds: [], type: 'checkPreconditions', name: 'Tests pass', preconditions: [{ type: 'expression', context: { expression: '${parameters.pass}' }, failPipeline: true }] }],
};
const runBuild = async (pipelineId: string, tag: string, pass: boolean) =>
  (await waitFor(await trigger(pipelineId, { trigger: { type: 'manual', user: 'tester', parameters: { pass: String(pass) }, artifacts: [image(tag)] } }), finished, 30_000)).status;

const finder = (application: string, pipeline: string, executionOptions: Record<string, boolean>, name: string) => ({
  stages: [
    { refId: 'find', requisiteStageRefIds: [], type: 'findArtifactFromExecution', name: 'Find image', application, pipeline, executionOptions, expectedArtifact: { id: 'built-image', displayName: 'Built image', matchArtifact: { type: 'docker/image', name: repository } } },
    {
      refId: 'deploy',
      requisiteStageRefIds: ['find'],
      type: 'deployManifest',
      name: 'Deploy',
      account: 'finder-k8s',
      cloudProvider: 'kubernetes',
      source: 'text',
      namespaceOverride: ns,
      requiredArtifactIds: ['built-image'],
      manifests: [deploymentManifest(name, `${repository}:latest`, { replicas: 1 })],
    },
  ],
});

const imageOf = async (name: string) => {
  const live = await admin.get({ kind: 'deployment', name, namespace: ns });
  return (live.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image;
};

describe('findArtifactFromExecution in the engine', () => {
  it('binds the image of the last successful execution, and the deploy downstream uses it', async () => {
    const buildId = await savePipeline('finder', build);
    expect(await runBuild(buildId, '1.0.0', true)).toBe('SUCCEEDED');
    // A newer build that failed: "successful" skips it.
    expect(await runBuild(buildId, '9.9.9', false)).toBe('TERMINAL');
    const name = uniqueName('ok');
    const e = await waitFor(await trigger(await savePipeline('finder', finder('finder', buildId, { successful: true }, name))), finished, 60_000);
    expect(e.status, JSON.stringify(e.stages.map((s) => [s.refId, s.status, s.context.exception]))).toBe('SUCCEEDED');
    const found = stageByRef(e, 'find').outputs;
    expect(found.artifacts).toStrictEqual([image('1.0.0')]);
    expect(found.resolvedExpectedArtifacts).toMatchObject([{ id: 'built-image', boundArtifact: image('1.0.0') }]);
    expect(await imageOf(name)).toBe(`${repository}:1.0.0`);
  });

  it('with "terminal" ticked finds the newer failed build; with only "running" finds nothing and says so', async () => {
    const flaky = await savePipeline('finder', build);
    expect(await runBuild(flaky, '2.0.0', true)).toBe('SUCCEEDED');
    expect(await runBuild(flaky, '2.1.0', false)).toBe('TERMINAL');

    const name = uniqueName('term');
    const terminal = await waitFor(await trigger(await savePipeline('finder', finder('finder', flaky, { successful: false, terminal: true }, name))), finished, 60_000);
    expect(terminal.status).toBe('SUCCEEDED');
    expect(await imageOf(name)).toBe(`${repository}:2.1.0`);
    const either = await waitFor(await trigger(await savePipeline('finder', finder('finder', flaky, { successful: true, terminal: true }, uniqueName('any')))), finished, 60_000);
    expect(stageByRef(either, 'find').outputs.artifacts).toStrictEqual([image('2.1.0')]);

    const none = await waitFor(await trigger(await savePipeline('finder', finder('finder', flaky, { running: true }, uniqueName('none')))), finished, 30_000);
    expect(none.status).toBe('TERMINAL');
    const error = (stageByRef(none, 'find').context.exception as { details: { error: string } }).details.error;
    expect(error).toBe(`Nothing to bind in pipeline ${flaky} of finder, which has no running execution: expected artifact "built-image" (Built image): no artifact matches {type=docker/image, name=${repository}}`);
    expect(stageByRef(none, 'deploy').status).toBe('NOT_STARTED');
  });

  it("may not read another application's executions the run cannot READ (answered like a missing pipeline)", async () => {
    const secret = await savePipeline('vault', build);
    const e = await waitFor(await trigger(await savePipeline('finder', finder('vault', secret, { successful: true }, uniqueName('vault')))), finished, 30_000);
    expect(e.status).toBe('TERMINAL');
    const error = (stageByRef(e, 'find').context.exception as { details: { error: string } }).details.error;
    expect(error).toBe(`Pipeline ${secret} does not exist in application vault, or this run may not read that application`);
  });
});
