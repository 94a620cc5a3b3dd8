import { describe, expect, it } from 'vitest';
import { mergeOrder, moveItem } from './reorder';

describe('reorder', () => {
  it('moves an item up, down and clamps at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 1, 5)).toEqual(['a', 'b']);
  });

  it('merges a local order with the server list', () => {
    expect(mergeOrder(undefined, ['a', 'b'])).toEqual(['a', 'b']);
    expect(mergeOrder(['b', 'a', 'gone'], ['a', 'b', 'new'])).toEqual(['b', 'a', 'new']);
  });
});
