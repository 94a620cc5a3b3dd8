import { describe, expect, it } from 'vitest';
import { forApplication } from './import-input';

describe('forApplication', () => {
  it('fills in the application where a pipeline names none', () => {
    expect(forApplication([{ name: 'a' }, { name: 'b', application: 'other' }], 'app')).toEqual([{ name: 'a', application: 'app' }, { name: 'b', application: 'other' }]);
    expect(forApplication({ name: 'a', stages: [], application: null }, 'app')).toEqual({ name: 'a', stages: [], application: 'app' });
  });

  it('leaves Dinghy containers and non-objects alone', () => {
    const dinghy = { application: 'x', pipelines: [{ name: 'a' }] };
    expect(forApplication(dinghy, 'app')).toBe(dinghy);
    expect(forApplication('text', 'app')).toBe('text');
  });
});
