import { describe, expect, it } from 'vitest';
import { pipelineSyncSchema } from '../config/kubernetes-schema';
import { bindingFor, nextStatus, readPipelineResource, watchedNamespaces } from './resource';

const sync = pipelineSyncSchema.parse({ bindings: [{ namespace: 'team-a', applications: ['payments'] }, { namespace: 'team-b', applications: ['ledger', 'payments'] }] });

describe('Pipeline resources', () => {
  it('bind namespaces to applications, and nothing else', () => {
    expect(bindingFor(sync, 'team-a', 'payments')?.namespace).toBe('team-a');
    expect(bindingFor(sync, 'team-a', 'ledger')).toBeUndefined();
    expect(bindingFor(sync, 'team-c', 'payments')).toBeUndefined();
    expect(watchedNamespaces(sync)).toEqual(['team-a', 'team-b']);
    expect(watchedNamespaces({ ...sync, namespaces: ['x'] })).toEqual(['x']);
  });

  it('read the field manager that last changed the spec (not the status writer)', () => {
    const res = readPipelineResource({
      metadata: {
        namespace: 'team-a',
        name: 'build',
        uid: 'u1',
        generation: 3,
        managedFields: [
          { manager: 'kubectl-client-side-apply', time: '2026-01-01T00:00:00Z', fieldsV1: { 'f:spec': {} } },
          { manager: 'argocd-controller', time: '2026-01-02T00:00:00Z', fieldsV1: { 'f:spec': {} } },
          { manager: 'foresail', time: '2026-01-03T00:00:00Z', subresource: 'status', fieldsV1: { 'f:status': {} } },
        ],
      },
      spec: { application: 'payments' },
    });
    expect(res).toMatchObject({ namespace: 'team-a', name: 'build', uid: 'u1', generation: 3, manager: 'argocd-controller' });
    expect(readPipelineResource({ metadata: { name: 'x' } })).toBeUndefined();
  });

  it('keep a condition’s transition time while its status holds, so rewriting the same outcome changes nothing', () => {
    const first = nextStatus(undefined, 1, { revision: 1 }, [{ type: 'Synced', status: 'True', reason: 'Synced', message: 'ok' }], new Date('2026-01-01T00:00:00.123Z'));
    expect(first.conditions[0]).toMatchObject({ lastTransitionTime: '2026-01-01T00:00:00Z', observedGeneration: 1 });
    const same = nextStatus(first, 1, { revision: 1 }, [{ type: 'Synced', status: 'True', reason: 'Synced', message: 'ok' }], new Date('2026-02-01T00:00:00Z'));
    expect(same).toEqual(first);
    const flipped = nextStatus(first, 2, {}, [{ type: 'Synced', status: 'False', reason: 'NotBound', message: 'no' }], new Date('2026-02-01T00:00:00Z'));
    expect(flipped.conditions[0]).toMatchObject({ status: 'False', lastTransitionTime: '2026-02-01T00:00:00Z', observedGeneration: 2 });
  });
});
