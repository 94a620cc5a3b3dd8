import { describe, expect, it } from 'vitest';
import { erfInv, normalQuantile } from './normal';

describe('normalQuantile', () => {
  it('matches scipy.stats.norm.ppf to 1e-15 at the confidence levels the judge uses', () => {
    // scipy 1.17 norm.ppf values.
    const cases: Array<[number, number]> = [
      [0.01, -2.3263478740408408],
      [0.025, -1.9599639845400545],
      [0.005, -2.575829303548901],
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.99, 2.3263478740408408],
    ];
    for (const [p, z] of cases) expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-15);
  });

  it('gives the exact double of the reference erfinv port for Kayenta’s 98 % level', () => {
    expect(normalQuantile((1 - 0.98) / 2)).toBe(-2.326347874040841);
  });

  it('is odd and infinite at ±1', () => {
    expect(erfInv(-0.3)).toBe(-erfInv(0.3));
    expect(erfInv(1)).toBe(Number.POSITIVE_INFINITY);
    expect(erfInv(-1)).toBe(Number.NEGATIVE_INFINITY);
  });
});
