import { describe, expect, it } from 'vitest';
import { withoutManagedFields, withoutServerFields } from './metadata';

const live = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'u1',
    resourceVersion: '10',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    selfLink: '/apis/apps/v1/namespaces/shop/deployments/web',
    managedFields: [{ manager: 'foresail' }],
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '3', 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' },
  },
  spec: { replicas: 2 },
  status: { readyReplicas: 2 },
};

describe('withoutServerFields', () => {
  it('keeps only what a manifest can say', () => {
    expect(withoutServerFields(live)).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: { replicas: 2 },
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, annotations: { team: 'a' } },
    });
  });

  it('drops an annotation map left empty, and works without metadata', () => {
    expect(withoutServerFields({ ...live, metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '4' } } }).metadata).toStrictEqual({ name: 'web' });
    expect(withoutServerFields({ kind: 'ConfigMap', data: { a: '1' } })).toStrictEqual({ kind: 'ConfigMap', data: { a: '1' }, metadata: {} });
  });
});

describe('withoutManagedFields', () => {
  it('removes managedFields only, keeping the order of everything else', () => {
    const stripped = withoutManagedFields(live);
    expect(Object.keys(stripped)).toStrictEqual(Object.keys(live));
    expect(stripped.metadata).not.toHaveProperty('managedFields');
    expect(stripped.metadata).toMatchObject({ uid: 'u1', resourceVersion: '10' });
    expect(stripped.status).toStrictEqual({ readyReplicas: 2 });
  });
});
