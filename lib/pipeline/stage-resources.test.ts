import { describe, expect, it } from 'vitest';
import { manifestDiffs, stageAccount, stageResources, trafficWeights } from './stage-resources';

const deployment = (name: string, namespace?: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, ...(namespace ? { namespace } : {}) } });

describe('stageResources', () => {
  it('reads applied manifests, without duplicating the same objects named by "kind name"', () => {
    const outputs = { 'outputs.manifests': [deployment('web', 'shop'), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } }], 'outputs.manifestNamesByNamespace': { shop: ['deployment web', 'service web'] } };
    expect(stageResources('deployManifest', {}, outputs)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
      { apiVersion: 'v1', kind: 'Service', name: 'web', namespace: 'shop' },
    ]);
  });

  it('reads "kind name" outputs of target stages and jobs, and cluster-scoped names', () => {
    expect(stageResources('scaleManifest', {}, { 'outputs.manifestNamesByNamespace': { shop: ['deployment web'], '': ['namespace shop'] } })).toEqual([
      { kind: 'deployment', name: 'web', namespace: 'shop' },
      { kind: 'namespace', name: 'shop' },
    ]);
    expect(stageResources('runJobManifest', {}, { 'deploy.jobs': { batch: ['job migrate-x1'] } })).toEqual([{ kind: 'job', name: 'migrate-x1', namespace: 'batch' }]);
  });

  it('falls back to the configured target before the stage reported anything', () => {
    expect(stageResources('patchManifest', { manifestName: 'deployment web', location: 'shop' }, {})).toEqual([{ kind: 'deployment', name: 'web', namespace: 'shop' }]);
    expect(stageResources('patchManifest', { manifestName: 'nonsense' }, {})).toEqual([]);
  });

  it('names the router of a trafficSplit stage', () => {
    expect(stageResources('trafficSplit', { namespace: 'shop', router: { kind: 'VirtualService', name: 'web' } }, {})).toEqual([{ kind: 'VirtualService', name: 'web', namespace: 'shop' }]);
  });
});

describe('stageAccount', () => {
  it('prefers the configured account, then credentials, then what the stage reported', () => {
    expect(stageAccount({ account: 'prod' }, { 'deploy.account.name': 'other' })).toBe('prod');
    expect(stageAccount({ credentials: 'legacy' }, {})).toBe('legacy');
    expect(stageAccount({}, { 'deploy.account.name': 'reported' })).toBe('reported');
    expect(stageAccount({ account: '' }, {})).toBeUndefined();
  });
});

describe('trafficWeights', () => {
  it('reads before and after, falling back to the requested weights', () => {
    const requested = [{ destination: 'canary', weight: 10 }, { destination: 'stable', weight: 90 }];
    expect(trafficWeights({ weights: requested }, { weightsBefore: [{ destination: 'stable', weight: 100 }] })).toEqual({ before: [{ destination: 'stable', weight: 100 }], after: requested });
    expect(trafficWeights({}, { weightsBefore: [{ destination: 'x' }] })).toEqual({ before: undefined, after: undefined });
  });
});

describe('manifestDiffs', () => {
  it('keeps well-formed diffs and drops malformed entries', () => {
    const good = { resource: { kind: 'Deployment', name: 'web', namespace: 'shop' }, created: false, changes: [{ path: 'spec.replicas', kind: 'changed', before: 1, after: 2 }, { path: 'x', kind: 'moved' }], truncated: false };
    expect(manifestDiffs({ manifestDiffs: [good, { resource: {} }, 'junk'] })).toEqual([{ ...good, changes: [good.changes[0]] }]);
    expect(manifestDiffs({})).toBeUndefined();
  });
});
