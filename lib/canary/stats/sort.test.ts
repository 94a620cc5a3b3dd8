import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortAscending } from './sort';

describe('sortAscending', () => {
  it('orders like the built-in numeric sort', () => {
    const value = fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constant(0));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 400 }), (values) => {
        const input = Float64Array.from(values.map((v) => (v === 0 ? 0 : v)));
        expect(Array.from(sortAscending(input.slice()))).toEqual(Array.from(input.slice().sort()));
      }),
      { numRuns: 300 },
    );
  });

  it('handles monotone, constant and mostly-zero series', () => {
    const up = Float64Array.from({ length: 500 }, (_, i) => i);
    const down = up.slice().reverse();
    const zeros = Float64Array.from({ length: 500 }, (_, i) => (i % 37 === 0 ? i : 0));
    for (const input of [up, down, zeros, new Float64Array(500).fill(7)]) {
      expect(Array.from(sortAscending(input.slice()))).toEqual(Array.from(input.slice().sort()));
    }
  });
});
