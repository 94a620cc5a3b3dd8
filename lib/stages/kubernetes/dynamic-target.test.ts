import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kubernetes/types';
import { belongsToCluster, MONIKER_CLUSTER, pickByCriteria, pickDynamicTarget, replicasOf } from './dynamic-target';
import { TargetError } from './target-error';

function rs(name: string, created: string, replicas?: number, extra: { labels?: Record<string, string>; annotations?: Record<string, string>; statusReplicas?: number } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'prod', creationTimestamp: created, ...(extra.labels ? { labels: extra.labels } : {}), ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: replicas === undefined ? {} : { replicas },
    ...(extra.statusReplicas === undefined ? {} : { status: { replicas: extra.statusReplicas } }),
  };
}
const names = (objs: readonly (KubeObject | undefined)[]) => objs.map((o) => o?.metadata?.name);

describe('belongsToCluster', () => {
  it('accepts the cluster name, versioned names and a Deployment’s ReplicaSets, not other clusters sharing a prefix', () => {
    const cluster = 'replicaSet my-app';
    expect(belongsToCluster(rs('my-app', 't'), cluster)).toBe(true);
    expect(belongsToCluster(rs('my-app-v001', 't'), cluster)).toBe(true);
    expect(belongsToCluster(rs('my-app-v0123', 't'), cluster)).toBe(true);
    expect(belongsToCluster(rs('my-app-7d9f8c6b5', 't', 1, { labels: { 'pod-template-hash': '7d9f8c6b5' } }), cluster)).toBe(true);
    expect(belongsToCluster(rs('my-app-7d9f8c6b5', 't', 1, { labels: { 'pod-template-hash': 'other' } }), cluster)).toBe(false);
    expect(belongsToCluster(rs('my-app-canary', 't'), cluster)).toBe(false);
    expect(belongsToCluster(rs('my-app-v01', 't'), cluster)).toBe(false);
    expect(belongsToCluster(rs('my-apps', 't'), cluster)).toBe(false);
    expect(belongsToCluster(rs('other', 't'), cluster)).toBe(false);
    expect(belongsToCluster(rs('my-app', 't'), 'my-app')).toBe(true);
  });

  it('lets the moniker annotation decide over the name, comparing the kind case-insensitively', () => {
    expect(belongsToCluster(rs('anything', 't', 1, { annotations: { [MONIKER_CLUSTER]: 'replicaSet my-app' } }), 'ReplicaSet my-app')).toBe(true);
    expect(belongsToCluster(rs('my-app-v002', 't', 1, { annotations: { [MONIKER_CLUSTER]: 'replicaSet my-app-canary' } }), 'replicaSet my-app')).toBe(false);
    expect(belongsToCluster(rs('x', 't', 1, { annotations: { [MONIKER_CLUSTER]: 'deployment my-app' } }), 'replicaSet my-app')).toBe(false);
  });
});

describe('pickByCriteria', () => {
  const a = rs('my-app-v000', '2026-01-01T00:00:00Z', 3);
  const b = rs('my-app-v001', '2026-01-02T00:00:00Z', 5);
  const c = rs('my-app-v002', '2026-01-03T00:00:00Z', 1);
  const shuffled = [b, c, a];

  it('picks by creation time: newest, second-newest, oldest', () => {
    expect(names([pickByCriteria(shuffled, 'newest'), pickByCriteria(shuffled, 'second-newest'), pickByCriteria(shuffled, 'oldest')])).toEqual(['my-app-v002', 'my-app-v001', 'my-app-v000']);
  });

  it('orders equal creation times by name (the later name is newer)', () => {
    const same = [rs('my-app-v002', '2026-01-01T00:00:00Z'), rs('my-app-v001', '2026-01-01T00:00:00Z'), rs('my-app-v003', '2026-01-01T00:00:00Z')];
    expect(names([pickByCriteria(same, 'newest'), pickByCriteria(same, 'second-newest'), pickByCriteria(same, 'oldest')])).toEqual(['my-app-v003', 'my-app-v002', 'my-app-v001']);
  });

  it('picks by replicas: largest and smallest, equal sizes by age', () => {
    expect(names([pickByCriteria(shuffled, 'largest'), pickByCriteria(shuffled, 'smallest')])).toEqual(['my-app-v001', 'my-app-v002']);
    const tied = [rs('old', '2026-01-01T00:00:00Z', 2), rs('new', '2026-01-05T00:00:00Z', 2)];
    expect(names([pickByCriteria(tied, 'largest'), pickByCriteria(tied, 'smallest')])).toEqual(['new', 'old']);
  });

  it('reads status.replicas when spec has none, and counts neither as 0', () => {
    expect(replicasOf(rs('x', 't', undefined, { statusReplicas: 4 }))).toBe(4);
    expect(replicasOf(rs('x', 't', 2, { statusReplicas: 4 }))).toBe(2);
    expect(replicasOf(rs('x', 't'))).toBe(0);
    const mixed = [rs('spec', '2026-01-01T00:00:00Z', 2), rs('status', '2026-01-01T00:00:00Z', undefined, { statusReplicas: 3 })];
    expect(pickByCriteria(mixed, 'largest')?.metadata?.name).toBe('status');
  });

  it('has nothing to pick from an empty list, nor a second-newest from one', () => {
    expect(pickByCriteria([], 'newest')).toBeUndefined();
    expect(pickByCriteria([a], 'second-newest')).toBeUndefined();
    expect(pickByCriteria([a], 'oldest')).toBe(a);
  });
});

describe('pickDynamicTarget', () => {
  const target = { cluster: 'replicaSet my-app', criteria: 'newest' as const, kind: 'replicaSet', namespace: 'prod' };

  it('picks among the cluster’s members only', () => {
    const objects = [rs('my-app-v000', '2026-01-01T00:00:00Z'), rs('my-app-canary', '2026-03-01T00:00:00Z'), rs('my-app-v001', '2026-02-01T00:00:00Z')];
    expect(pickDynamicTarget(objects, target).metadata?.name).toBe('my-app-v001');
  });

  it('fails in words naming the cluster, kind and namespace when no object belongs to the cluster', () => {
    const run = () => pickDynamicTarget([rs('other-v000', '2026-01-01T00:00:00Z')], target);
    expect(run).toThrow(TargetError);
    expect(run).toThrow('No replicaSet in namespace prod belongs to cluster "replicaSet my-app" (1 replicaSet object there, none of that cluster)');
  });

  it('fails in words when second-newest has only one object to choose from', () => {
    expect(() => pickDynamicTarget([rs('my-app-v000', '2026-01-01T00:00:00Z')], { ...target, criteria: 'second-newest' })).toThrow(
      'Cluster "replicaSet my-app" has only 1 replicaSet in namespace prod (my-app-v000); "second-newest" needs at least two',
    );
  });
});
