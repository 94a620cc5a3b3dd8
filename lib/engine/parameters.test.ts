import { describe, expect, it } from 'vitest';
import { resolveParameters } from './parameters';

describe('resolveParameters', () => {
  it('fills defaults, keeps extra parameters, stringifies values', () => {
    expect(resolveParameters([{ name: 'region', default: 'eu' }, { name: 'replicas', default: 3 }], { extra: true })).toEqual({ parameters: { extra: 'true', region: 'eu', replicas: '3' }, errors: [] });
  });
  it('enforces required parameters without defaults', () => {
    expect(resolveParameters([{ name: 'tag', required: true, label: 'Image tag' }], {}).errors).toEqual([{ path: 'parameters.tag', message: 'Image tag is required' }]);
    expect(resolveParameters([{ name: 'tag', required: true }], { tag: '' }).errors).toHaveLength(1);
    expect(resolveParameters([{ name: 'tag', required: true, default: 'v1' }], {}).errors).toEqual([]);
  });
  it('enforces options', () => {
    const spec = [{ name: 'env', hasOptions: true, options: [{ value: 'staging' }, { value: 'prod' }] }];
    expect(resolveParameters(spec, { env: 'prod' }).errors).toEqual([]);
    expect(resolveParameters(spec, { env: 'dev' }).errors[0]?.message).toBe('env must be one of staging, prod');
  });
});
