import { describe, expect, it } from 'vitest';
import { failureOptionOf, failureOptions } from './failure-options';

describe('if stage fails', () => {
  it('reads Orca defaults as "halt the entire pipeline"', () => {
    expect(failureOptionOf({})).toBe('halt-pipeline');
  });

  it('round-trips every option through its flags', () => {
    for (const option of failureOptions) expect(failureOptionOf(option.flags)).toBe(option.id);
  });

  it('gives up when an expression decides', () => {
    expect(failureOptionOf({ failPipeline: '${parameters.strict}' })).toBeUndefined();
  });
});
