import { beforeAll, describe, expect, it } from 'vitest';
import { clusterClientFor, type ClusterClient } from '../../kubernetes/client';
import type { KubeObject } from '../../kubernetes/types';
import { eventually, testAccounts, uniqueName } from '../../kubernetes/testing';
import { fakeClock, runUntilDone, stageContext } from '../testing';
import type { StageHandler } from '../types';
import type { ActThenWaitState } from './act-then-wait';
import { disableManifest, enableManifest, LOAD_BALANCERS_ANNOTATION } from './enable-disable-manifest';

// Spinnaker's Service-selector traffic management, run as the engine runs the handlers, against the
// real local control plane: the ReplicaSet controller makes the pods (kwok runs them), the stages
// relabel the template and the pods, and the pods stay owned by their ReplicaSet throughout.
let admin: ClusterClient;
let ns: string;

const replicaSet = (name: string, version: string, extra: { annotations?: Record<string, string>; labels?: Record<string, string> } = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, annotations: { [LOAD_BALANCERS_ANNOTATION]: '["service web-svc"]', ...extra.annotations } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web', version } },
    template: {
      metadata: { labels: { app: 'web', version, frontedBy: 'web-svc', ...extra.labels } },
      spec: { containers: [{ name: 'web', image: 'registry.example/web:1' }] },
    },
  },
});
const service = (name: string, selector: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ports: [{ port: 80 }] } });

function run<T extends 'enableManifest' | 'disableManifest'>(handler: StageHandler<T, ActThenWaitState>, config: Record<string, unknown>) {
  return runUntilDone(handler, stageContext(handler, { account: 'it', location: ns, ...config }, { clock: fakeClock(Date.now()), services: { kubernetes: async () => admin } }));
}

/** The `frontedBy` label of the ReplicaSet's template and of each pod it owns. */
async function frontedBy(name: string): Promise<{ template: string | undefined; pods: (string | undefined)[] }> {
  const rs = await admin.get({ kind: 'replicaset', name, namespace: ns });
  const uid = rs.metadata?.uid;
  const pods = (await admin.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: ns })).filter((p) => (p.metadata as { ownerReferences?: { uid: string }[] }).ownerReferences?.some((o) => o.uid === uid));
  const template = (rs.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels.frontedBy;
  return { template, pods: pods.map((p) => p.metadata?.labels?.frontedBy) };
}

beforeAll(async () => {
  admin = clusterClientFor(testAccounts().admin);
  ns = uniqueName('traffic');
  await admin.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => admin.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
  await admin.apply([service('web-svc', { frontedBy: 'web-svc' }), service('greedy-svc', { app: 'web' }), replicaSet('web-v001', 'v001'), replicaSet('web-v002', 'v002')], { namespace: ns });
  for (const name of ['web-v001', 'web-v002']) await eventually(async () => ((await frontedBy(name)).pods.length === 2 ? true : undefined), 30_000, `${name}'s two pods`);
});

describe('disableManifest and enableManifest', () => {
  it('disables the second-newest ReplicaSet of a cluster (a dynamic target, as Deck spells it), then enables it by name', async () => {
    const disabled = await run(disableManifest, { mode: 'dynamic', cluster: 'replicaSet web', criteria: 'second_newest', kind: 'replicaSet' });
    expect(disabled.status, JSON.stringify(disabled)).toBe('succeeded');
    expect(disabled.allOutputs).toMatchObject({ loadBalancers: ['service web-svc'], labels: ['frontedBy'], 'outputs.manifestNamesByNamespace': { [ns]: ['replicaset web-v001'] } });
    expect(await frontedBy('web-v001')).toStrictEqual({ template: undefined, pods: [undefined, undefined] });
    expect(await frontedBy('web-v002')).toStrictEqual({ template: 'web-svc', pods: ['web-svc', 'web-svc'] });

    // Disabling twice changes nothing (a replay after a crash), and the pods were never orphaned or replaced.
    const podsBefore = (await admin.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: ns, labelSelector: 'version=v001' })).map((p) => p.metadata?.name).sort();
    expect((await run(disableManifest, { manifestName: 'replicaSet web-v001' })).status).toBe('succeeded');
    expect((await admin.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: ns, labelSelector: 'version=v001' })).map((p) => p.metadata?.name).sort()).toStrictEqual(podsBefore);

    const enabled = await run(enableManifest, { mode: 'static', manifestName: 'replicaSet web-v001' });
    expect(enabled.status).toBe('succeeded');
    expect(await frontedBy('web-v001')).toStrictEqual({ template: 'web-svc', pods: ['web-svc', 'web-svc'] });
  });

  it('refuses what Spinnaker refuses, in words: a Deployment, a Service selecting on the ReplicaSet’s own labels, a broken annotation', async () => {
    await admin.apply([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'dep' }, spec: { replicas: 0, selector: { matchLabels: { app: 'dep' } }, template: { metadata: { labels: { app: 'dep' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } } } }], { namespace: ns });
    const deployment = await run(disableManifest, { manifestName: 'deployment dep' });
    expect(deployment).toMatchObject({ status: 'failed', reason: `Disable (Manifest) moves traffic for ReplicaSets; Deployment dep in ${ns} is a Deployment` });

    await admin.apply([replicaSet('greedy-v001', 'g1', { annotations: { [LOAD_BALANCERS_ANNOTATION]: '["service greedy-svc"]' } })], { namespace: ns });
    const greedy = await run(disableManifest, { manifestName: 'replicaSet greedy-v001' });
    expect(greedy).toMatchObject({ status: 'failed', reason: `Service greedy-svc selects on app, which ReplicaSet greedy-v001 in ${ns}'s own selector uses too; give the Service a label of its own (such as frontedBy: greedy-svc)` });

    await admin.apply([replicaSet('broken-v001', 'b1', { annotations: { [LOAD_BALANCERS_ANNOTATION]: 'service web-svc' } })], { namespace: ns });
    const broken = await run(enableManifest, { manifestName: 'replicaSet broken-v001' });
    expect(broken).toMatchObject({ status: 'failed', reason: `ReplicaSet broken-v001 in ${ns}: the ${LOAD_BALANCERS_ANNOTATION} annotation must be a JSON list such as ["service my-app"], got service web-svc` });
  });
});
