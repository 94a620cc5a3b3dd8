import { describe, expect, it } from 'vitest';
import { labelSelectorOf } from './delete-manifest';
import { TargetError } from './target';

describe('labelSelectorOf', () => {
  it('turns Deck selector rows into a Kubernetes label selector', () => {
    expect(
      labelSelectorOf([
        { kind: 'EQUALS', key: 'app', values: ['web'] },
        { kind: 'NOT_EQUALS', key: 'tier', values: ['db'] },
        { kind: 'CONTAINS', key: 'env', values: ['a', 'b'] },
        { kind: 'NOT_CONTAINS', key: 'zone', values: ['x'] },
        { kind: 'EXISTS', key: 'owner' },
        { kind: 'NOT_EXISTS', key: 'legacy' },
      ]),
    ).toBe('app=web,tier!=db,env in (a,b),zone notin (x),owner,!legacy');
  });

  it('refuses an unknown selector kind', () => {
    expect(() => labelSelectorOf([{ kind: 'LIKE', key: 'a' }])).toThrow(TargetError);
  });
});
