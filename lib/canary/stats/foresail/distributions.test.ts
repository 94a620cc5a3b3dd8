import { describe, expect, it } from 'vitest';
import { erfc, logGamma, normalCdf, normalEquivalent, studentTUpper, tEquivalent } from './distributions';

describe('distribution functions', () => {
  it('erfc and Φ match reference values (R: pnorm, 2*pnorm(-x*sqrt(2))) to 1e-7 relative, far into the tail', () => {
    const cases: [number, number][] = [
      [1, 0.157299207050285],
      [3, 2.209049699858544e-5],
      [-0.5, 1.520499877813047],
    ];
    for (const [x, expected] of cases) expect(Math.abs(erfc(x) / expected - 1)).toBeLessThan(1.2e-7);
    expect(Math.abs(normalCdf(-5) / 2.866515718791939e-7 - 1)).toBeLessThan(1.2e-7);
    expect(Math.abs(normalCdf(-10) / 7.61985302416047e-24 - 1)).toBeLessThan(1.2e-7);
    expect(normalCdf(0)).toBeCloseTo(0.5, 12);
  });

  it('ln Γ matches factorials and Γ(½) = √π', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });

  it("Student's t tail matches the closed forms for 1 and 2 degrees of freedom", () => {
    for (const t of [0.3, 1, 2.5, 10]) {
      expect(studentTUpper(t, 1)).toBeCloseTo(0.5 - Math.atan(t) / Math.PI, 10);
      expect(studentTUpper(t, 2)).toBeCloseTo(0.5 * (1 - t / Math.sqrt(2 + t * t)), 10);
    }
    expect(studentTUpper(-1, 1)).toBeCloseTo(0.75, 10);
    expect(studentTUpper(2, 5)).toBeCloseTo(0.05096973941, 9);
  });

  it('the normal equivalent of a t statistic is smaller for few degrees of freedom, and tEquivalent inverts it', () => {
    expect(normalEquivalent(3, 5)).toBeLessThan(3);
    expect(normalEquivalent(3, 5)).toBeGreaterThan(2);
    expect(normalEquivalent(-3, 5)).toBeCloseTo(-normalEquivalent(3, 5), 10);
    expect(normalEquivalent(3, 1e7)).toBe(3);
    expect(tEquivalent(normalEquivalent(2.7, 7.5), 7.5)).toBeCloseTo(2.7, 6);
  });
});
