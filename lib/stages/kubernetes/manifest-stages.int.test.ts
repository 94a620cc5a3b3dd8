import { AppsV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterClientFor, type ClusterClient } from '../../kubernetes/client';
import { deploymentManifest, eventually, testAccounts, uniqueName, unreachableAccount } from '../../kubernetes/testing';
import type { KnownStageType } from '../../pipeline';
import { fakeClock, runUntilDone, stageContext, type StageTestOptions, type TestStageContext } from '../testing';
import type { StageHandler } from '../types';
import { deleteManifest } from './delete-manifest';
import { deployManifest } from './deploy-manifest';
import { findArtifactsFromResource } from './find-artifacts-from-resource';
import { patchManifest } from './patch-manifest';
import { rollingRestartManifest } from './rolling-restart-manifest';
import { runJobManifest } from './run-job-manifest';
import { scaleManifest } from './scale-manifest';
import { undoRolloutManifest } from './undo-rollout-manifest';

// The handlers run as the engine runs them (state in, result out, again after pollAfterMs) against the
// real local control plane; the clock follows real time so stage timeouts are real too.
let accounts: ReturnType<typeof testAccounts>;
let admin: ClusterClient;
let ns: string;

function context<T extends KnownStageType, S>(handler: StageHandler<T, S>, config: Record<string, unknown>, options: StageTestOptions<S> & { client?: ClusterClient } = {}): TestStageContext<T, S> {
  const client = options.client ?? admin;
  return stageContext(handler, config, { clock: fakeClock(Date.now()), ...options, services: { kubernetes: async () => client, ...options.services } });
}


const imageOf = async (name: string) => {
  const live = await admin.get({ kind: 'deployment', name, namespace: ns });
  return (live.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image;
};

async function deploy(name: string, image: string, extra: Record<string, unknown> = {}) {
  const result = await runUntilDone(deployManifest, context(deployManifest, { account: 'it', namespaceOverride: ns, manifests: [deploymentManifest(name, image, { replicas: 2 })], ...extra }));
  expect(result.status, JSON.stringify(result)).toBe('succeeded');
  return result;
}

beforeAll(async () => {
  accounts = testAccounts();
  admin = clusterClientFor(accounts.admin);
  ns = uniqueName('stages');
  await admin.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => admin.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

describe('deployManifest', () => {
  it('applies, binds the trigger image artifact, waits for the rollout and outputs what Spinnaker does', async () => {
    const name = uniqueName('web');
    const artifact = { type: 'docker/image', name: 'registry.example/web', reference: 'registry.example/web:2.0.1', version: '2.0.1' };
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }] } };
    const ctx = context(deployManifest, { account: 'it', namespaceOverride: ns, manifests: [deploymentManifest(name, 'registry.example/web:latest'), service] });
    ctx.execution.trigger = { type: 'docker', artifacts: [artifact] };
    const started = Date.now();
    const result = await runUntilDone(deployManifest, ctx);
    expect(result.status).toBe('succeeded');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await imageOf(name)).toBe('registry.example/web:2.0.1');
    const live = await admin.get({ kind: 'deployment', name, namespace: ns });
    expect((live.status as { readyReplicas: number }).readyReplicas).toBe(2);
    expect(live.metadata?.labels?.['app.kubernetes.io/managed-by']).toBe('foresail');
    expect(result.allOutputs['outputs.manifestNamesByNamespace']).toEqual({ [ns]: [`deployment ${name}`, `service ${name}`] });
    expect(result.allOutputs['outputs.boundArtifacts']).toEqual([artifact]);
    expect(result.allOutputs['outputs.createdArtifacts']).toEqual([
      expect.objectContaining({ type: 'kubernetes/deployment', name, location: ns }),
      expect.objectContaining({ type: 'kubernetes/service', name, location: ns }),
    ]);
    expect(result.allOutputs['deploy.account.name']).toBe('it');
  });

  it('deploys manifests from an embedded/base64 artifact bound by the trigger', async () => {
    const name = uniqueName('art');
    const yamlText = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  from: artifact\n`;
    const ctx = context(deployManifest, { account: 'it', namespaceOverride: ns, source: 'artifact', manifestArtifactId: 'manifests' });
    ctx.execution.trigger = { resolvedExpectedArtifacts: [{ id: 'manifests', boundArtifact: { type: 'embedded/base64', name: 'm', reference: Buffer.from(yamlText).toString('base64') } }] };
    expect((await runUntilDone(deployManifest, ctx)).status).toBe('succeeded');
    expect((await admin.get({ kind: 'configmap', name, namespace: ns })).data).toEqual({ from: 'artifact' });
  });

  it('fails a required artifact that did not bind', async () => {
    const result = await runUntilDone(deployManifest, context(deployManifest, { account: 'it', namespaceOverride: ns, requiredArtifactIds: ['image-id'], manifests: [deploymentManifest(uniqueName('x'), 'x:1')] }));
    expect(result).toMatchObject({ status: 'failed', reason: 'Required artifact image-id did not bind to anything in this execution' });
  });

  it('a never-ready image ends TERMINAL within the stage timeout, naming the pods’ condition and events', async () => {
    const name = uniqueName('never');
    const started = Date.now();
    const result = await runUntilDone(deployManifest, context(deployManifest, { account: 'it', namespaceOverride: ns, stageTimeoutMs: 6_000, manifests: [deploymentManifest(name, 'registry.example/web:never-ready', { replicas: 1 })] }));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.reason).toMatch(new RegExp(`^Not stable after 6s: Deployment ${name} in ${ns}: 0 of 1 replicas are (available|ready) \\(pod ${name}-[a-z0-9-]+: Pod is Running, Ready=False`));
    expect(result.details?.join('\n')).toContain('event Normal ScalingReplicaSet');
  });

  it('reports the restricted identity as forbidden, an SSA conflict with its owner, and an invalid manifest with the field', async () => {
    const restricted = clusterClientFor(accounts.restricted);
    const forbidden = await runUntilDone(deployManifest, context(deployManifest, { account: 'it-restricted', namespaceOverride: ns, manifests: [deploymentManifest('x', 'x:1')] }, { client: restricted }));
    expect(forbidden).toMatchObject({ status: 'failed' });
    if (forbidden.status === 'failed') expect(forbidden.reason).toBe(`Deploying to account it-restricted failed: Forbidden applying Deployment x in ${ns} on account ${accounts.restricted.name}: the account's credentials may not do this: deployments.apps "x" is forbidden: User "system:serviceaccount:team-a:foresail-restricted" cannot patch resource "deployments" in API group "apps" in the namespace "${ns}"`);

    const name = uniqueName('ssa');
    await deploy(name, 'x:1');
    const kc = new KubeConfig();
    kc.loadFromFile(accounts.info.kubeconfigPath);
    kc.setCurrentContext(accounts.info.adminContext);
    await kc.makeApiClient(AppsV1Api).patchNamespacedDeployment({ name, namespace: ns, body: { spec: { replicas: 5 } }, fieldManager: 'hpa-controller' }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    const conflict = await runUntilDone(deployManifest, context(deployManifest, { account: 'it', namespaceOverride: ns, manifests: [deploymentManifest(name, 'x:1', { replicas: 2 })] }));
    expect(conflict.status).toBe('failed');
    if (conflict.status === 'failed') expect(conflict.reason).toContain(`field .spec.replicas is managed by hpa-controller, not Foresail`);

    const invalid = await runUntilDone(deployManifest, context(deployManifest, { account: 'it', namespaceOverride: ns, manifests: [deploymentManifest(uniqueName('bad'), 'x:1', { replicas: -1 })] }));
    expect(invalid.status).toBe('failed');
    if (invalid.status === 'failed') {
      expect(invalid.reason).toContain('the cluster says the manifest is invalid (spec.replicas:');
      expect(invalid.details).toEqual([expect.stringMatching(/^spec\.replicas: Invalid value: -1/)]);
    }
  });
});

describe('stages on a live Deployment', () => {
  it('undo rollout puts the previous image back', async () => {
    const name = uniqueName('undo');
    await deploy(name, 'registry.example/web:1');
    await deploy(name, 'registry.example/web:2');
    expect(await imageOf(name)).toBe('registry.example/web:2');
    const result = await runUntilDone(undoRolloutManifest, context(undoRolloutManifest, { account: 'it', location: ns, manifestName: `deployment ${name}`, numRevisionsBack: 1 }));
    expect(result.status, JSON.stringify(result)).toBe('succeeded');
    expect(await imageOf(name)).toBe('registry.example/web:1');
    expect(result.allOutputs).toMatchObject({ fromRevision: 2, toRevision: 1 });
    const tooFar = await runUntilDone(undoRolloutManifest, context(undoRolloutManifest, { account: 'it', location: ns, manifestName: `deployment ${name}`, numRevisionsBack: 5 }));
    expect(tooFar.status).toBe('failed');
  });

  it('scales, patches three ways, restarts and finds the running image', async () => {
    const name = uniqueName('ops');
    await deploy(name, 'registry.example/api:7');
    const target = { account: 'it', location: ns, manifestName: `deployment ${name}` };

    expect((await runUntilDone(scaleManifest, context(scaleManifest, { ...target, replicas: 3 }))).status).toBe('succeeded');
    const scaled = await admin.get({ kind: 'deployment', name, namespace: ns });
    expect((scaled.status as { readyReplicas: number }).readyReplicas).toBe(3);

    const strategic = await runUntilDone(patchManifest, context(patchManifest, { ...target, patchBody: { spec: { template: { spec: { containers: [{ name: 'app', image: 'registry.example/api:8' }] } } } } }));
    expect(strategic.status).toBe('succeeded');
    expect(await imageOf(name)).toBe('registry.example/api:8');
    const merge = await runUntilDone(patchManifest, context(patchManifest, { ...target, options: { mergeStrategy: 'merge' }, patchBody: { metadata: { labels: { tier: 'api' } } } }));
    expect(merge.status).toBe('succeeded');
    expect((await admin.get({ kind: 'deployment', name, namespace: ns })).metadata?.labels?.tier).toBe('api');
    const json = await runUntilDone(patchManifest, context(patchManifest, { ...target, options: { mergeStrategy: 'json' }, patchBody: [{ op: 'replace', path: '/spec/replicas', value: 1 }] }));
    expect(json.status).toBe('succeeded');
    expect(((await admin.get({ kind: 'deployment', name, namespace: ns })).spec as { replicas: number }).replicas).toBe(1);

    const restart = await runUntilDone(rollingRestartManifest, context(rollingRestartManifest, target));
    expect(restart.status).toBe('succeeded');
    const restarted = await admin.get({ kind: 'deployment', name, namespace: ns });
    expect((restarted.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe(restart.allOutputs.restartedAt);

    const found = await runUntilDone(findArtifactsFromResource, context(findArtifactsFromResource, target));
    expect(found.status).toBe('succeeded');
    expect(found.allOutputs.artifacts).toEqual([{ type: 'docker/image', name: 'registry.example/api', reference: 'registry.example/api:8', version: '8' }]);
  });

  it('deletes by label (only the matching objects) and tolerates already-gone objects', async () => {
    const keep = uniqueName('keep');
    const drop = [uniqueName('drop'), uniqueName('drop')];
    await admin.apply([...drop.map((n) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, labels: { release: 'old' } } })), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: keep, labels: { release: 'new' } } }], { namespace: ns });
    const byLabel = { account: 'it', location: ns, mode: 'label', kinds: ['configmap'], labelSelectors: { selectors: [{ kind: 'EQUALS', key: 'release', values: ['old'] }] } };
    const result = await runUntilDone(deleteManifest, context(deleteManifest, byLabel));
    expect(result.status).toBe('succeeded');
    expect(result.allOutputs.deleted).toEqual(expect.arrayContaining(drop.map((n) => `ConfigMap ${n} in ${ns}`)));
    for (const n of drop) expect(await admin.find({ kind: 'configmap', name: n, namespace: ns })).toBeUndefined();
    expect(await admin.find({ kind: 'configmap', name: keep, namespace: ns })).toBeDefined();
    const again = await runUntilDone(deleteManifest, context(deleteManifest, { account: 'it', location: ns, manifestName: `configmap ${drop[0]}` }));
    expect(again).toMatchObject({ status: 'succeeded', allOutputs: { deleted: [], alreadyGone: [`ConfigMap ${drop[0]} in ${ns}`] } });
  });
});

describe('runJobManifest', () => {
  const job = (name: string, image: string) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: `${name}-` }, spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image }] } } } });

  it('runs a Job to success, and reports a failing Job with its condition', async () => {
    const ok = await runUntilDone(runJobManifest, context(runJobManifest, { account: 'it', namespaceOverride: ns, manifest: job('ok', 'registry.example/task:1') }));
    expect(ok.status, JSON.stringify(ok)).toBe('succeeded');
    expect(ok.allOutputs.jobStatus).toMatchObject({ status: 'SUCCEEDED', location: ns, kind: 'Job' });
    const bad = await runUntilDone(runJobManifest, context(runJobManifest, { account: 'it', namespaceOverride: ns, manifest: job('bad', 'registry.example/task:fail') }));
    expect(bad.status).toBe('failed');
    if (bad.status === 'failed') expect(bad.reason).toMatch(new RegExp(`^Job bad-[a-z0-9]+ in ${ns} failed: Failed=True \\(BackoffLimitExceeded\\)`));
  });

  it('waits for a custom resource’s Succeeded condition set from outside, and cancel deletes a running one', async () => {
    const taskRun = (name: string) => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name }, spec: { taskRef: { name: 'build' } } });
    const name = uniqueName('tr');
    const ctx = context(runJobManifest, { account: 'it', namespaceOverride: ns, manifest: taskRun(name) });
    const first = await runJobManifest.run(ctx);
    expect(first.status).toBe('running');
    if (first.status !== 'running') return;
    ctx.state = first.state;
    expect((await runJobManifest.run(ctx)).status).toBe('running');
    const kc = new KubeConfig();
    kc.loadFromFile(accounts.info.kubeconfigPath);
    kc.setCurrentContext(accounts.info.adminContext);
    await kc.makeApiClient(CustomObjectsApi).patchNamespacedCustomObjectStatus(
      { group: 'tekton.dev', version: 'v1', namespace: ns, plural: 'taskruns', name, body: { status: { conditions: [{ type: 'Succeeded', status: 'True', reason: 'Succeeded', message: 'All steps completed' }] } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const done = await runUntilDone(runJobManifest, ctx);
    expect(done.status).toBe('succeeded');

    const other = uniqueName('tr');
    const cancelCtx = context(runJobManifest, { account: 'it', namespaceOverride: ns, manifest: taskRun(other) });
    const running = await runJobManifest.run(cancelCtx);
    if (running.status !== 'running') throw new Error('expected running');
    cancelCtx.state = running.state;
    await runJobManifest.cancel?.(cancelCtx);
    await runJobManifest.cancel?.(cancelCtx); // idempotent
    await eventually(async () => ((await admin.find({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', name: other, namespace: ns })) ? undefined : true), 10_000, 'TaskRun deleted');
  });
});

describe('an apiserver that stops answering during the wait', () => {
  it('keeps polling while the cluster is unreachable and finishes when it answers again', async () => {
    const down = clusterClientFor(await unreachableAccount(accounts.admin));
    const name = uniqueName('outage');
    const ctx = context(deployManifest, { account: 'it', namespaceOverride: ns, manifests: [deploymentManifest(name, 'registry.example/web:1', { replicas: 1 })] });
    const first = await deployManifest.run(ctx);
    if (first.status !== 'running') throw new Error(`expected running, got ${JSON.stringify(first)}`);
    // The same stage state, polled through a connection that cannot reach the apiserver: not a verdict.
    const outage = context(deployManifest, { account: 'it', namespaceOverride: ns, manifests: [] }, { client: down, state: first.state });
    const during = await deployManifest.run(outage);
    expect(during).toMatchObject({ status: 'running', state: first.state });
    ctx.state = first.state;
    expect((await runUntilDone(deployManifest, ctx)).status).toBe('succeeded');
    // Past the deadline, an outage does fail the stage, in words.
    outage.clock.set(first.state.startedAt + 11 * 60_000);
    const late = await deployManifest.run(outage);
    expect(late.status).toBe('failed');
    if (late.status === 'failed') expect(late.reason).toMatch(/^Could not confirm the rollout within 600s: Cannot reach the cluster .* on account .*-unreachable \(ECONNREFUSED\)$/);
  });
});
