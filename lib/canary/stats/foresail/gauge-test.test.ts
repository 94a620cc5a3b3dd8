import { describe, expect, it } from 'vitest';
import { seededRandom, type RandomSource } from '../noise';
import { compareMeans, meanConfidenceSequence, meanLogEValue } from './gauge-test';
import { normalMixtureLogE, normalMixtureRadius } from './normal-mixture';
import { addValues, autocovariances, emptyMoments, momentMean, momentVariance, pooledAutocorrelation } from './series-moments';

function gaussian(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
function ar1(n: number, phi: number, random: RandomSource, mean = 0, sd = 1): number[] {
  const out: number[] = [];
  let x = gaussian(random);
  for (let i = 0; i < n; i++) {
    if (i > 0) x = phi * x + Math.sqrt(1 - phi * phi) * gaussian(random);
    out.push(mean + sd * x);
  }
  return out;
}

/** ∫ exp(θS − θ²I/2) · prior(θ) dθ by the midpoint rule, S = z·√I. */
function mixtureByQuadrature(z: number, information: number, tau: number, positiveOnly: boolean): number {
  const s = z * Math.sqrt(information);
  let sum = 0;
  const h = tau / 2_000;
  for (let theta = (positiveOnly ? 0 : -12 * tau) + h / 2; theta < 12 * tau; theta += h) {
    const prior = ((positiveOnly ? 2 : 1) * Math.exp((-0.5 * theta * theta) / (tau * tau))) / (tau * Math.sqrt(2 * Math.PI));
    sum += Math.exp(theta * s - 0.5 * theta * theta * information) * prior * h;
  }
  return sum;
}

describe('normal mixture (Robbins 1970)', () => {
  it('the closed forms equal the mixture integrals, two-sided and one-sided', () => {
    for (const [z, info] of [
      [2.5, 40],
      [-1, 3],
      [0.3, 200],
    ] as const) {
      expect(normalMixtureLogE(z, info, 1, 'both')).toBeCloseTo(Math.log(mixtureByQuadrature(z, info, 1, false)), 3);
      expect(normalMixtureLogE(z, info, 1, 'up')).toBeCloseTo(Math.log(mixtureByQuadrature(z, info, 1, true)), 3);
      expect(normalMixtureLogE(-z, info, 1, 'down')).toBeCloseTo(normalMixtureLogE(z, info, 1, 'up'), 10);
    }
    // Far on the wrong side the one-sided mixture is about 2·φ(0)/|S|: strong evidence against, without underflow.
    expect(normalMixtureLogE(-40, 100, 1, 'up')).toBeCloseTo(Math.log((2 / Math.sqrt(2 * Math.PI)) / 400), 1);
  });

  it('the radius is where the two-sided e-value reaches the threshold', () => {
    const r = normalMixtureRadius(50, 1, Math.log(40));
    expect(normalMixtureLogE(r, 50, 1, 'both')).toBeCloseTo(Math.log(40), 10);
  });
});

describe('series moments', () => {
  it('mean, variance and lag-1 autocovariance match direct computation, across appended intervals and large offsets', () => {
    const values = [3, 5, 4, 8, 6, 7, 5, 9].map((v) => 1e9 + v);
    const m = addValues(addValues(emptyMoments(), values.slice(0, 3)), values.slice(3));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(momentMean(m)).toBeCloseTo(mean, 6);
    expect(momentVariance(m)).toBeCloseTo(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1), 6);
    let lag = 0;
    for (let i = 1; i < values.length; i++) lag += ((values[i] as number) - mean) * ((values[i - 1] as number) - mean);
    expect(autocovariances(m).gamma1).toBeCloseTo(lag / values.length, 6);
  });

  it('recovers the autocorrelation of an AR(1) series', () => {
    const random = seededRandom(2);
    const a = addValues(emptyMoments(), ar1(20_000, 0.8, random));
    const b = addValues(emptyMoments(), ar1(20_000, 0.8, random));
    expect(pooledAutocorrelation(a, b)).toBeCloseTo(0.8, 1);
  });
});

describe('autocorrelation-aware mean comparison', () => {
  it('is rarely fooled by identical AR(1) versions (φ = 0.8, six looks of 40 points), unlike an iid test', () => {
    const random = seededRandom(9);
    let flagged = 0;
    for (let r = 0; r < 400; r++) {
      const c = ar1(240, 0.8, random, 100, 10);
      const b = ar1(240, 0.8, random, 100, 10);
      let mc = emptyMoments();
      let mb = emptyMoments();
      let ever = false;
      for (let t = 0; t < 6; t++) {
        mc = addValues(mc, c.slice(t * 40, (t + 1) * 40));
        mb = addValues(mb, b.slice(t * 40, (t + 1) * 40));
        const cmp = compareMeans(mc, mb);
        if (cmp && Math.max(meanLogEValue(cmp, 'up'), meanLogEValue(cmp, 'down')) >= Math.log(40)) ever = true;
      }
      if (ever) flagged++;
    }
    expect(flagged / 400).toBeLessThan(0.05);
  });

  it('finds a one-standard-deviation shift, and its confidence sequence covers the true difference', () => {
    const random = seededRandom(4);
    const c = addValues(emptyMoments(), ar1(120, 0.5, random, 110, 10));
    const b = addValues(emptyMoments(), ar1(120, 0.5, random, 100, 10));
    const cmp = compareMeans(c, b);
    expect(cmp).not.toBeNull();
    if (!cmp) return;
    expect(meanLogEValue(cmp, 'up')).toBeGreaterThan(Math.log(20));
    expect(meanLogEValue(cmp, 'down')).toBeLessThan(0);
    const cs = meanConfidenceSequence(cmp, Math.log(20));
    expect(cs.lower).toBeLessThan(10);
    expect(cs.upper).toBeGreaterThan(10);
  });

  it('needs three points a side', () => {
    expect(compareMeans(addValues(emptyMoments(), [1, 2]), addValues(emptyMoments(), [1, 2, 3]))).toBeNull();
  });
});
