import { describe, expect, it } from 'vitest';
import { ZEROIN_TOLERANCE, zeroin } from './zeroin';

// Expected values come from the Python transcription of R's R_zeroin2 in
// e2e/fixtures/canary/reference/generate.py (same tolerance and iteration limit).
describe('zeroin (R_zeroin2 port)', () => {
  it('returns the same iterate as R for smooth functions', () => {
    expect(zeroin((x) => x * x - 2, 0, 2, -2, 2)).toBe(1.4142133199955025);
    expect(zeroin((x) => Math.cos(x) - x, 0, 1, 1, Math.cos(1) - 1)).toBe(0.7390910582853698);
    expect(zeroin((x) => x ** 3 - 2 * x - 5, 2, 3, -1, 16)).toBe(2.094551266584139);
  });

  it('lands within the tolerance of a step function jump', () => {
    const step = (x: number): number => (x < 0.3 ? 1 : x > 0.3 ? -1 : 0);
    const root = zeroin(step, -1, 2, 1, -1);
    expect(root).toBe(0.299957275390625);
    expect(Math.abs(root - 0.3)).toBeLessThan(ZEROIN_TOLERANCE);
  });

  it('returns an end point whose value is zero without iterating', () => {
    let calls = 0;
    const f = (x: number): number => {
      calls++;
      return x;
    };
    expect(zeroin(f, 0, 5, 0, 5)).toBe(0);
    expect(zeroin(f, -5, 0, -5, 0)).toBe(0);
    expect(calls).toBe(0);
  });

  it('treats a value within one ulp of zero as zero, like commons-math Precision.equals', () => {
    expect(zeroin(() => 1, 1, 2, Number.MIN_VALUE, 1)).toBe(1);
    expect(zeroin(() => 1, 1, 2, -Number.MIN_VALUE, 1)).toBe(1);
  });

  it('runs without a sign check and stops after the iteration limit', () => {
    let calls = 0;
    const root = zeroin(
      () => {
        calls++;
        return 1;
      },
      0,
      1,
      1,
      1,
      1e-300,
      5,
    );
    expect(Number.isFinite(root)).toBe(true);
    expect(calls).toBeLessThanOrEqual(6);
  });
});
