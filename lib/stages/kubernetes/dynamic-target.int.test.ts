import { beforeAll, describe, expect, it } from 'vitest';
import { clusterClientFor, type ClusterClient } from '../../kubernetes/client';
import { eventually, testAccounts, uniqueName } from '../../kubernetes/testing';
import type { KnownStageType } from '../../pipeline';
import { fakeClock, runUntilDone, stageContext, type TestStageContext } from '../testing';
import type { StageHandler } from '../types';
import { deleteManifest } from './delete-manifest';
import { findArtifactsFromResource } from './find-artifacts-from-resource';
import { scaleManifest } from './scale-manifest';

// Dynamic targets against the real local control plane: the stages list the kind in the namespace and
// pick one of the cluster's objects by creation time or size, as Spinnaker's dynamic mode does.
let admin: ClusterClient;
let ns: string;

function context<T extends KnownStageType, S>(handler: StageHandler<T, S>, config: Record<string, unknown>): TestStageContext<T, S> {
  return stageContext(handler, config, { clock: fakeClock(Date.now()), services: { kubernetes: async () => admin } });
}


const replicaSet = (name: string, image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name },
  spec: { replicas: 1, selector: { matchLabels: { rs: name } }, template: { metadata: { labels: { rs: name } }, spec: { containers: [{ name: 'app', image }] } } },
});

const replicasOf = async (name: string) => ((await admin.get({ kind: 'replicaset', name, namespace: ns })).spec as { replicas: number }).replicas;

beforeAll(async () => {
  admin = clusterClientFor(testAccounts().admin);
  ns = uniqueName('dynamic');
  await admin.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
  await eventually(() => admin.find({ apiVersion: 'v1', kind: 'ServiceAccount', name: 'default', namespace: ns }), 30_000, 'default service account');
});

describe('dynamic target mode', () => {
  it('scales the newest, reads the largest and deletes the oldest of a cluster’s ReplicaSets, ignoring another cluster with the same prefix', async () => {
    const base = uniqueName('web');
    const versions = [`${base}-v000`, `${base}-v001`, `${base}-v002`];
    // creationTimestamp has whole seconds: a little over one apart orders them without relying on names.
    for (const [i, name] of versions.entries()) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1_100));
      await admin.apply([replicaSet(name, `registry.example/web:${i}`)], { namespace: ns });
    }
    const decoy = `${base}-canary`;
    await new Promise((r) => setTimeout(r, 1_100));
    await admin.apply([replicaSet(decoy, 'registry.example/web:canary')], { namespace: ns });
    const target = { account: 'it', location: ns, mode: 'dynamic', cluster: `replicaSet ${base}`, kind: 'replicaSet' };

    const scaled = await runUntilDone(scaleManifest, context(scaleManifest, { ...target, criteria: 'newest', replicas: 3 }));
    expect(scaled.status, JSON.stringify(scaled)).toBe('succeeded');
    expect(scaled.allOutputs['outputs.manifestNamesByNamespace']).toEqual({ [ns]: [`replicaset ${versions[2]}`] });
    expect(await Promise.all([...versions, decoy].map(replicasOf))).toEqual([1, 1, 3, 1]);

    const found = await runUntilDone(findArtifactsFromResource, context(findArtifactsFromResource, { ...target, criteria: 'largest' }));
    expect(found.status, JSON.stringify(found)).toBe('succeeded');
    expect(found.allOutputs.artifacts).toEqual([{ type: 'docker/image', name: 'registry.example/web', reference: 'registry.example/web:2', version: '2' }]);

    const deleted = await runUntilDone(deleteManifest, context(deleteManifest, { ...target, criteria: 'oldest' }));
    expect(deleted).toMatchObject({ status: 'succeeded', allOutputs: { deleted: [`ReplicaSet ${versions[0]} in ${ns}`] } });
    await eventually(async () => ((await admin.find({ kind: 'replicaset', name: versions[0] ?? '', namespace: ns })) ? undefined : true), 30_000, 'oldest ReplicaSet deleted');
    for (const name of [versions[1], versions[2], decoy]) expect(await admin.find({ kind: 'replicaset', name: name ?? '', namespace: ns })).toBeDefined();

    // The oldest is gone, so second-newest is now v001 — the pick follows the live cluster.
    const second = await runUntilDone(scaleManifest, context(scaleManifest, { ...target, criteria: 'second-newest', replicas: 2 }));
    expect(second.status, JSON.stringify(second)).toBe('succeeded');
    expect(await replicasOf(versions[1] ?? '')).toBe(2);
  });

  it('fails in plain words naming the cluster, kind and namespace when nothing belongs to the cluster', async () => {
    const result = await runUntilDone(deleteManifest, context(deleteManifest, { account: 'it', location: ns, mode: 'dynamic', cluster: 'deployment nothing-here', kind: 'deployment', criteria: 'newest' }));
    expect(result.status).toBe('failed');
    if (result.status === 'failed') expect(result.reason).toMatch(new RegExp(`^No deployment in namespace ${ns} belongs to cluster "deployment nothing-here" \\(\\d+ deployment objects? there, none of that cluster\\)$`));
  });
});
