import { describe, expect, it } from 'vitest';
import { liveDiff, MAX_CHANGES } from './live-diff';

const live = (image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', uid: 'u1', resourceVersion: '10', generation: 3, creationTimestamp: '2026-01-01T00:00:00Z', managedFields: [{ manager: 'foresail' }], annotations: { 'deployment.kubernetes.io/revision': '3', team: 'a' } },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', image }] } } },
  status: { readyReplicas: 2 },
  ...extra,
});

describe('liveDiff', () => {
  it('reports the changed image and ignores fields the server writes', () => {
    const after = { ...live('web:2'), metadata: { ...live('web:2').metadata, resourceVersion: '11', generation: 4, annotations: { 'deployment.kubernetes.io/revision': '4', team: 'a' } }, status: { readyReplicas: 0 } };
    expect(liveDiff(live('web:1'), after)).toEqual({
      resource: { kind: 'Deployment', name: 'web', namespace: 'shop' },
      created: false,
      changes: [{ path: 'spec.template.spec.containers[0].image', kind: 'changed', before: 'web:1', after: 'web:2' }],
      truncated: false,
    });
  });

  it('says created when nothing was live', () => {
    expect(liveDiff(undefined, live('web:1'))).toMatchObject({ created: true, changes: [] });
  });

  it('keeps the diff small: values cut, changes capped', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_CHANGES + 5 }, (_, i) => [`k${i}`, 'x'.repeat(600)]));
    const diff = liveDiff(live('a', { data: {} }), live('a', { data: many }));
    expect(diff.changes).toHaveLength(MAX_CHANGES);
    expect(diff.truncated).toBe(true);
    expect(String(diff.changes[0]?.after)).toMatch(/^"x+… \(602 characters\)$/);
    expect(diff.changes[0]).not.toHaveProperty('before');
  });
});
