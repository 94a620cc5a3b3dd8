import { describe, expect, it } from 'vitest';
import { jobOutcome, readinessOf } from './readiness';
import type { KubeObject } from './types';

const deploy = (status: Record<string, unknown>, spec: Record<string, unknown> = {}, generation = 2): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', generation },
  spec: { replicas: 3, ...spec },
  status: { observedGeneration: generation, ...status },
});
const full = { replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 };

describe('readinessOf', () => {
  it('Deployment: Current only when all replicas are updated, available and ready, and no old ones remain', () => {
    expect(readinessOf(deploy(full)).status).toBe('Current');
    expect(readinessOf(deploy({ ...full, updatedReplicas: 2 })).message).toBe('2 of 3 replicas are updated');
    expect(readinessOf(deploy({ ...full, replicas: 4 })).message).toBe('1 old replicas are pending termination');
    expect(readinessOf(deploy({ ...full, availableReplicas: 1 })).status).toBe('InProgress');
    expect(readinessOf(deploy({ ...full, readyReplicas: 2 })).message).toBe('2 of 3 replicas are ready');
  });

  it('Deployment: a stale observedGeneration is InProgress even with a complete status', () => {
    const r = readinessOf(deploy({ ...full, observedGeneration: 1 }));
    expect(r).toMatchObject({ status: 'InProgress', message: 'The controller has not yet observed generation 2 (at 1)' });
    expect(readinessOf({ ...deploy(full), status: { ...full } }).status).toBe('InProgress');
  });

  it('Deployment: ProgressDeadlineExceeded is Failed with the condition message', () => {
    const r = readinessOf(deploy({ ...full, readyReplicas: 0, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-1" has timed out progressing.' }] }));
    expect(r.status).toBe('Failed');
    expect(r.message).toContain('has timed out progressing');
    expect(r.conditions[0]?.reason).toBe('ProgressDeadlineExceeded');
  });

  it('Deployment: defaults to one replica and honours pause', () => {
    expect(readinessOf(deploy({ replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1 }, { replicas: undefined })).status).toBe('Current');
    expect(readinessOf(deploy(full, { paused: true })).status).toBe('InProgress');
  });

  it('ReplicaSet, StatefulSet and DaemonSet count their replicas', () => {
    const rs = (status: Record<string, unknown>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'x', generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, ...status } });
    expect(readinessOf(rs({ replicas: 2, fullyLabeledReplicas: 2, availableReplicas: 2, readyReplicas: 2 })).status).toBe('Current');
    expect(readinessOf(rs({ replicas: 2, fullyLabeledReplicas: 2, availableReplicas: 1, readyReplicas: 2 })).status).toBe('InProgress');
    expect(readinessOf(rs({ conditions: [{ type: 'ReplicaFailure', status: 'True', message: 'quota exceeded' }] })).message).toBe('Replica failure: quota exceeded');

    const sts = (status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', generation: 1 }, spec: { replicas: 2, ...spec }, status: { observedGeneration: 1, ...status } });
    expect(readinessOf(sts({ replicas: 2, readyReplicas: 2, updatedReplicas: 2, currentRevision: 'a', updateRevision: 'a' })).status).toBe('Current');
    expect(readinessOf(sts({ replicas: 2, readyReplicas: 2, updatedReplicas: 2, currentRevision: 'a', updateRevision: 'b' })).status).toBe('InProgress');
    expect(readinessOf(sts({ replicas: 2, readyReplicas: 2, updatedReplicas: 1 }, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } })).status).toBe('Current');
    expect(readinessOf(sts({ replicas: 2, readyReplicas: 1 })).message).toBe('1 of 2 replicas are ready');

    const ds = (status: Record<string, unknown>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', generation: 1 }, status: { observedGeneration: 1, desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 3, ...status } });
    expect(readinessOf(ds({})).status).toBe('Current');
    expect(readinessOf(ds({ numberAvailable: 2 })).message).toBe('2 of 3 daemon pods are available');
  });

  it('Job: Complete is Current, Failed is Failed, otherwise InProgress (Jobs have no observedGeneration)', () => {
    const j = (conditions: unknown[], extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', generation: 1 }, status: { conditions, ...extra } });
    expect(readinessOf(j([{ type: 'Complete', status: 'True' }])).status).toBe('Current');
    expect(readinessOf(j([{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }])).message).toBe('Job failed: BackoffLimitExceeded');
    expect(readinessOf(j([], { active: 1 })).message).toBe('Job running: 1 active, 0 succeeded, 0 failed');
  });

  it('Pod: ready when running with Ready=True; names the failing condition otherwise', () => {
    const p = (status: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status });
    expect(readinessOf(p({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] })).status).toBe('Current');
    expect(readinessOf(p({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }] })).message).toBe('Pod is Running, Ready=False (ContainersNotReady)');
    expect(readinessOf(p({ phase: 'Failed' })).status).toBe('Failed');
    expect(readinessOf(p({ phase: 'Succeeded' })).status).toBe('Current');
    expect(readinessOf(p({ phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] })).message).toContain('ImagePullBackOff');
  });

  it('Service and PVC', () => {
    expect(readinessOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'ClusterIP' } }).status).toBe('Current');
    expect(readinessOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'LoadBalancer' }, status: {} }).status).toBe('InProgress');
    expect(readinessOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } }).status).toBe('Current');
    expect(readinessOf({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, status: { phase: 'Pending' } }).status).toBe('InProgress');
    expect(readinessOf({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, status: { phase: 'Bound' } }).status).toBe('Current');
  });

  it('custom resources: Ready / Succeeded / Stalled conditions and observedGeneration', () => {
    const cr = (conditions: unknown[], observedGeneration?: number): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', generation: 3 }, status: { conditions, observedGeneration } });
    expect(readinessOf(cr([])).status).toBe('Current');
    expect(readinessOf(cr([{ type: 'Ready', status: 'True' }], 2)).status).toBe('InProgress');
    expect(readinessOf(cr([{ type: 'Ready', status: 'True' }], 3)).status).toBe('Current');
    expect(readinessOf(cr([{ type: 'Ready', status: 'False', reason: 'Waiting' }], 3)).message).toBe('Not ready: Waiting');
    expect(readinessOf(cr([{ type: 'Succeeded', status: 'False', reason: 'TaskRunFailed' }])).status).toBe('Failed');
    expect(readinessOf(cr([{ type: 'Stalled', status: 'True', message: 'bad spec' }])).message).toBe('Stalled: bad spec');
    expect(readinessOf(cr([{ type: 'Reconciling', status: 'True' }])).status).toBe('InProgress');
  });

  it('an object being deleted is InProgress', () => {
    expect(readinessOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', deletionTimestamp: '2026-01-01T00:00:00Z' } }).status).toBe('InProgress');
  });
});

describe('jobOutcome', () => {
  const withConditions = (conditions: unknown[]): KubeObject => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 't' }, status: { conditions } });
  it('reads Complete/Succeeded/Failed conditions', () => {
    expect(jobOutcome(withConditions([]))).toEqual({ state: 'running' });
    expect(jobOutcome(withConditions([{ type: 'Succeeded', status: 'Unknown', reason: 'Running' }]))).toEqual({ state: 'running' });
    expect(jobOutcome(withConditions([{ type: 'Succeeded', status: 'True', reason: 'Done' }]))).toEqual({ state: 'succeeded', message: 'Succeeded=True (Done)' });
    expect(jobOutcome(withConditions([{ type: 'Succeeded', status: 'False', reason: 'Failed', message: 'step exited 1' }]))).toEqual({ state: 'failed', message: 'Succeeded=False (Failed): step exited 1' });
    expect(jobOutcome(withConditions([{ type: 'Complete', status: 'True' }])).state).toBe('succeeded');
    expect(jobOutcome(withConditions([{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }])).state).toBe('failed');
  });
});
