import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartApiserver } from '../world/cluster/cluster';
import { useTestDatabase } from '../../e2e/runner/test-database';
import { kubernetesAccountSchema } from '../config/kubernetes-schema';
import type { SessionUser } from '../auth/principal';
import { createApplication, findApplication } from '../db/applications';
import { ForbiddenError } from '../errors';
import { savePipelineFor } from '../services/pipelines';
import { findPipeline, listRevisions } from '../db/pipelines';
import { clusterClientFor, type ClusterClient } from '../kubernetes/client';
import { connectionFor, watchPath } from '../kubernetes/connection';
import { eventually, testAccounts, uniqueName } from '../kubernetes/testing';
import type { KubeObject } from '../kubernetes/types';
import { managedByOf } from '../pipeline/managed-by';
import { GITOPS_API_VERSION } from './crds';
import { installGitopsResources } from './install';
import { findCanaryConfigById } from '../db/canary-configs';
import { canaryConfigKind, PipelineSync } from './pipeline-sync';

useTestDatabase();
const { admin, info } = testAccounts();
const team = uniqueName('team');
const other = uniqueName('other');
const account = kubernetesAccountSchema.parse({
  name: admin.name,
  kubeconfigFile: admin.kubeconfigFile,
  context: admin.context,
  pipelineSync: { namespaces: [team, other], bindings: [{ namespace: team, applications: ['payments'] }] },
});
const sync = () => new PipelineSync({ ...account, pipelineSync: account.pipelineSync! }, { info: () => undefined, warn: () => undefined });
let cluster: ClusterClient;
let running: PipelineSync | undefined;
let canaries: PipelineSync | undefined;

type Status = { observedGeneration?: number; id?: string; revision?: number; stages?: number; conditions?: { type: string; status: string; reason: string; message: string }[] };
const wait = (refId: string, seconds: number, requisiteStageRefIds: string[] = []) => ({ type: 'wait', name: `Wait ${refId}`, refId, requisiteStageRefIds, waitTime: seconds });
const resource = (namespace: string, name: string, spec: Record<string, unknown>, kind = 'Pipeline'): KubeObject => ({ apiVersion: GITOPS_API_VERSION, kind, metadata: { name, namespace }, spec });

async function apply(object: KubeObject): Promise<{ uid: string; generation: number }> {
  const [stored] = await cluster.apply([object]);
  const meta = stored?.metadata as { uid: string; generation: number };
  return { uid: meta.uid, generation: meta.generation };
}

async function statusOf(namespace: string, name: string, kind = 'Pipeline'): Promise<Status> {
  const object = await cluster.get({ apiVersion: GITOPS_API_VERSION, kind, name, namespace });
  return (object.status ?? {}) as Status;
}

const condition = (status: Status, type: string) => status.conditions?.find((c) => c.type === type);

/** Waits until the resource's status describes `generation` (the sync handled that change). */
const observed = (namespace: string, name: string, generation: number, kind = 'Pipeline') =>
  eventually(async () => {
    const status = await statusOf(namespace, name, kind);
    return status.observedGeneration === generation ? status : undefined;
  }, 20_000, `status of ${namespace}/${name} at generation ${generation}`);

beforeAll(async () => {
  cluster = clusterClientFor(admin);
  await installGitopsResources(cluster);
  await cluster.apply([team, other].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })));
  await createApplication({ name: 'payments', ownerEmail: 'pay@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
  await createApplication({ name: 'ledger', ownerEmail: 'ledger@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
  running = sync();
  running.start();
  canaries = new PipelineSync({ ...account, pipelineSync: account.pipelineSync! }, { info: () => undefined, warn: () => undefined }, canaryConfigKind);
  canaries.start();
});

afterAll(async () => {
  await running?.stop();
  await canaries?.stop();
  for (const name of [team, other]) await cluster?.delete({ apiVersion: 'v1', kind: 'Namespace', name }).catch(() => undefined);
});

describe('pipeline sync against the real apiserver', () => {
  it('creates, updates (as a new revision) and deletes the pipeline as the resource changes, writing status back', async () => {
    const created = await apply(resource(team, 'build', { application: 'payments', name: 'Build', stages: [wait('1', 5)] }));
    const pipeline = await eventually(() => findPipeline(created.uid), 20_000, 'the pipeline');
    expect(pipeline).toMatchObject({ application: 'payments', name: 'Build', version: 1, updatedBy: 'kubernetes:' + team + '/build (foresail)' });
    expect(managedByOf(pipeline.config)).toEqual({ kind: 'kubernetes', account: account.name, namespace: team, name: 'build', uid: created.uid });
    const status = await observed(team, 'build', created.generation);
    expect(status).toMatchObject({ id: created.uid, revision: 1, stages: 1 });
    expect(condition(status, 'Valid')).toMatchObject({ status: 'True' });
    expect(condition(status, 'Synced')).toMatchObject({ status: 'True', reason: 'Synced', message: `Saved as pipeline ${created.uid}, revision 1` });

    // The browser and the API may not edit it: the resource is the source of truth.
    const admin: SessionUser = { login: 'root', roles: [], isAdmin: true, canCreateApplications: true, name: null, email: null, groups: [], via: 'session', demo: false };
    const edit = savePipelineFor({ sourceIp: null }, admin, (await findApplication('payments'))!, pipeline, { ...pipeline.config, name: 'Hijacked' }, pipeline.version);
    await expect(edit).rejects.toThrow(ForbiddenError);
    await expect(edit).rejects.toThrow(`Pipeline Build is managed by Kubernetes: ${team}/build`);

    const updated = await apply(resource(team, 'build', { application: 'payments', name: 'Build', stages: [wait('1', 5), wait('2', 10, ['1'])] }));
    expect(updated.generation).toBe(created.generation + 1);
    expect(await observed(team, 'build', updated.generation)).toMatchObject({ revision: 2, stages: 2 });
    const revisions = await listRevisions(created.uid);
    expect(revisions.map((r) => [r.version, r.action, r.createdBy])).toEqual(
      expect.arrayContaining([
        [1, 'kubernetes-create', `kubernetes:${team}/build (foresail)`],
        [2, 'kubernetes-apply', `kubernetes:${team}/build (foresail)`],
      ]),
    );

    await cluster.delete({ apiVersion: GITOPS_API_VERSION, kind: 'Pipeline', name: 'build', namespace: team });
    await eventually(async () => ((await findPipeline(created.uid)) ? undefined : true), 20_000, 'the pipeline to go');
  });

  it('reports a semantic error as Valid=False with Foresail’s message, keeping the saved pipeline', async () => {
    const good = await apply(resource(team, 'deploy', { application: 'payments', stages: [wait('1', 5)] }));
    await observed(team, 'deploy', good.generation);
    const bad = await apply(resource(team, 'deploy', { application: 'payments', stages: [wait('1', -5)] }));
    const status = await observed(team, 'deploy', bad.generation);
    expect(condition(status, 'Valid')).toMatchObject({ status: 'False', reason: 'Invalid' });
    expect(condition(status, 'Valid')?.message).toContain('spec.stages[0].waitTime: must be at least 0');
    expect(condition(status, 'Synced')).toMatchObject({ status: 'False' });
    expect(await findPipeline(good.uid)).toMatchObject({ name: 'deploy', version: 1 });
  });

  it('refuses a resource in a namespace not bound to the application it names', async () => {
    const hijack = await apply(resource(other, 'steal', { application: 'payments', stages: [wait('1', 5)] }));
    const status = await observed(other, 'steal', hijack.generation);
    expect(condition(status, 'Synced')).toMatchObject({ status: 'False', reason: 'NotBound' });
    expect(condition(status, 'Synced')?.message).toContain(`Namespace ${other} may not manage pipelines of application payments`);
    expect(await findPipeline(hijack.uid)).toBeUndefined();
    const unbound = await apply(resource(team, 'ledger', { application: 'ledger', stages: [wait('1', 5)] }));
    expect(condition(await observed(team, 'ledger', unbound.generation), 'Synced')).toMatchObject({ status: 'False', reason: 'NotBound' });
  });

  it('refuses a second resource claiming a pipeline name, without flapping', async () => {
    const first = await apply(resource(team, 'first', { application: 'payments', name: 'Release', stages: [wait('1', 5)] }));
    await observed(team, 'first', first.generation);
    const second = await apply(resource(team, 'second', { application: 'payments', name: 'Release', stages: [wait('1', 9)] }));
    const status = await observed(team, 'second', second.generation);
    expect(condition(status, 'Synced')).toMatchObject({ status: 'False', reason: 'Conflict' });
    expect(condition(status, 'Synced')?.message).toContain(`managed by Kubernetes: ${team}/first`);
    expect(await findPipeline(first.uid)).toMatchObject({ version: 1 });
  });

  it('keeps CanaryConfig resources as canary configs that a CR-managed pipeline’s kayentaCanary stage names', async () => {
    const metric = (name: string, group: string) => ({ name, groups: [group], query: { type: 'prometheus', customInlineTemplate: 'PromQL:rate(http_requests_total[1m])' } });
    const spec = { application: 'payments', name: 'latency', metrics: [metric('p99', 'latency'), metric('errors', 'errors')], classifier: { groupWeights: { latency: 60, errors: 40 } } };
    const config = await apply(resource(team, 'latency', spec, 'CanaryConfig'));
    const status = await observed(team, 'latency', config.generation, 'CanaryConfig');
    expect(condition(status, 'Synced')).toMatchObject({ status: 'True', message: `Saved as canary config ${config.uid}, version 1` });
    expect(await findCanaryConfigById(config.uid)).toMatchObject({ application: 'payments', name: 'latency', updatedBy: `kubernetes:${team}/latency (foresail)` });

    const bad = await apply(resource(team, 'latency', { ...spec, classifier: { groupWeights: { latency: 60, errors: 10 } } }, 'CanaryConfig'));
    const invalid = await observed(team, 'latency', bad.generation, 'CanaryConfig');
    expect(condition(invalid, 'Valid')).toMatchObject({ status: 'False', reason: 'Invalid' });
    expect(condition(invalid, 'Valid')?.message).toMatch(/^spec\.classifier/);
    expect((await findCanaryConfigById(config.uid))?.version).toBe(1);

    const canary = { type: 'kayentaCanary', name: 'Canary', refId: '1', requisiteStageRefIds: [], analysisType: 'realTime', canaryConfig: { canaryConfigName: 'latency', lifetimeDuration: 'PT10M', scopes: [{ controlScope: 'baseline', experimentScope: 'canary' }] } };
    const pipeline = await apply(resource(team, 'canary', { application: 'payments', stages: [canary] }));
    const pipelineStatus = await observed(team, 'canary', pipeline.generation);
    expect(condition(pipelineStatus, 'Valid'), condition(pipelineStatus, 'Valid')?.message).toMatchObject({ status: 'True' });
    expect((await findPipeline(pipeline.uid))?.config.stages).toEqual([expect.objectContaining({ canaryConfig: expect.objectContaining({ canaryConfigName: 'latency' }) })]);

    await cluster.delete({ apiVersion: GITOPS_API_VERSION, kind: 'CanaryConfig', name: 'latency', namespace: team });
    await eventually(async () => ((await findCanaryConfigById(config.uid)) ? undefined : true), 20_000, 'the canary config to go');
  });

  it('gets ERROR 410 from a watch whose resourceVersion expired (the sync relists on it)', async () => {
    const events: { type: string; code?: number }[] = [];
    const done = new Promise<unknown>((resolve) => {
      void watchPath(connectionFor(admin), `/apis/foresail.dev/v1alpha1/namespaces/${team}/pipelines`, { resourceVersion: '1' }, (type, object) => events.push({ type, code: (object as { code?: number }).code }), resolve).then((h) =>
        setTimeout(() => h.stop(), 5_000),
      );
    });
    await done;
    expect(events[0]).toEqual({ type: 'ERROR', code: 410 });
  });

  it('converges after the sync was stopped while resources changed and the apiserver restarted, with no lost or duplicated revision', async () => {
    const kept = await apply(resource(team, 'kept', { application: 'payments', stages: [wait('1', 5)] }));
    const doomed = await apply(resource(team, 'doomed', { application: 'payments', stages: [wait('1', 5)] }));
    await observed(team, 'kept', kept.generation);
    await observed(team, 'doomed', doomed.generation);

    await running?.stop();
    const changed = await apply(resource(team, 'kept', { application: 'payments', stages: [wait('1', 6)] }));
    const changedAgain = await apply(resource(team, 'kept', { application: 'payments', stages: [wait('1', 7)] }));
    const fresh = await apply(resource(team, 'fresh', { application: 'payments', stages: [wait('1', 5)] }));
    await cluster.delete({ apiVersion: GITOPS_API_VERSION, kind: 'Pipeline', name: 'doomed', namespace: team });
    expect(changed.generation).toBeLessThan(changedAgain.generation);
    await restartApiserver(info.name);

    running = sync();
    running.start();
    expect(await observed(team, 'kept', changedAgain.generation)).toMatchObject({ revision: 2 });
    await observed(team, 'fresh', fresh.generation);
    await eventually(async () => ((await findPipeline(doomed.uid)) ? undefined : true), 20_000, 'the deleted resource’s pipeline to go');
    expect((await findPipeline(fresh.uid))?.version).toBe(1);

    // A second restart (a resync of unchanged resources) saves nothing new.
    await running.stop();
    running = sync();
    running.start();
    const marker = await apply(resource(team, 'marker', { application: 'payments', stages: [wait('1', 5)] }));
    await observed(team, 'marker', marker.generation); // the resync ran before the watch saw this
    expect((await listRevisions(kept.uid)).map((r) => r.version)).toEqual([2, 1]);
    expect((await findPipeline(kept.uid))?.config.stages).toEqual([expect.objectContaining({ waitTime: 7 })]);

    // The apiserver restarts under a running sync: its watch breaks, it relists, and later changes still arrive.
    await restartApiserver(info.name);
    const after = await eventually(
      () => apply(resource(team, 'kept', { application: 'payments', stages: [wait('1', 8)] })).catch(() => undefined),
      30_000,
      'the restarted apiserver to take the change',
    );
    expect(await observed(team, 'kept', after.generation)).toMatchObject({ revision: 3 });
    expect((await listRevisions(kept.uid)).map((r) => r.version)).toEqual([3, 2, 1]);
  }, 300_000); // two apiserver restarts take a minute on a busy 2-core machine
});
