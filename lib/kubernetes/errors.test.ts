import { describe, expect, it } from 'vitest';
import { failureFromException, failureFromResponse } from './errors';

const status = (code: number, message: string, causes: { field?: string; message?: string }[] = []) => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message, details: { causes } });

describe('failureFromResponse', () => {
  it('maps apiserver statuses to kinds with plain messages naming the request', () => {
    expect(failureFromResponse(403, status(403, 'configmaps "x" is forbidden'), 'applying ConfigMap x in a on account prod')).toMatchObject({
      kind: 'forbidden',
      message: `Forbidden applying ConfigMap x in a on account prod: the account's credentials may not do this: configmaps "x" is forbidden`,
    });
    expect(failureFromResponse(404, status(404, 'not found'), 'reading X').kind).toBe('not_found');
    expect(failureFromResponse(409, status(409, 'conflict'), 'x').kind).toBe('conflict');
    expect(failureFromResponse(503, undefined, 'x')).toMatchObject({ kind: 'unreachable', message: 'The cluster answered 503 x' });
    expect(failureFromResponse(504, undefined, 'x').kind).toBe('timeout');
    expect(failureFromResponse(500, status(500, 'etcd is sad'), 'x').kind).toBe('unknown');
  });

  it('keeps the field causes of an invalid object', () => {
    const f = failureFromResponse(422, status(422, 'Deployment "w" is invalid', [{ field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' }]), 'applying Deployment w');
    expect(f.kind).toBe('invalid');
    expect(f.causes).toEqual([{ field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' }]);
    expect(f.message).toBe('Refused applying Deployment w: the cluster says the manifest is invalid (spec.replicas: Invalid value: -1: must be greater than or equal to 0)');
  });

  it('reads an unknown field from server-side apply’s 500 as invalid', () => {
    const f = failureFromResponse(500, status(500, 'failed to create typed patch object (ns/w; apps/v1, Kind=Deployment): .spek: field not declared in schema'), 'applying Deployment w');
    expect(f).toMatchObject({ kind: 'invalid', causes: [{ field: 'spek', message: 'field not declared in schema' }] });
  });

  it('never carries anything but the Status message (no bodies, headers or tokens)', () => {
    const f = failureFromResponse(401, { message: 'Unauthorized', headers: { authorization: 'Bearer secret-token' } }, 'x');
    expect(f.message).not.toContain('secret-token');
    expect(failureFromResponse(400, 'not json', 'x').message).toBe('Refused x: the cluster says the manifest is invalid');
  });
});

describe('failureFromException', () => {
  it('timeouts and socket errors', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(failureFromException(timeout, 'reading X')).toMatchObject({ kind: 'timeout', message: 'Timed out reading X: the cluster did not answer in time' });
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1234'), { code: 'ECONNREFUSED' }) });
    expect(failureFromException(refused, 'reading X')).toMatchObject({ kind: 'unreachable', message: 'Cannot reach the cluster reading X (ECONNREFUSED)' });
    expect(failureFromException(new Error('something with a Bearer abc'), 'reading X').message).toBe('Cannot reach the cluster reading X');
  });
});
