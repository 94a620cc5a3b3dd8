import { describe, expect, it } from 'vitest';
import { seededRandom, type RandomSource } from '../noise';
import { shareConfidenceSequence, shareEstimate, shareLogEValue, shareLogLikelihood, type ShareObservation } from './share-test';

function binomial(n: number, p: number, random: RandomSource): number {
  let x = 0;
  for (let i = 0; i < n; i++) if (random() < p) x++;
  return x;
}

/** One interval's events: n of them, each a canary event with probability θ(ratio) given the exposure share. */
function interval(n: number, share: number, ratio: number, random: RandomSource): ShareObservation {
  const theta = (share * ratio) / (share * ratio + 1 - share);
  return { events: n, canaryEvents: binomial(n, theta, random), canaryShare: share };
}

describe('share test (Lindon & Malek 2022, Poisson processes with a common time-varying rate)', () => {
  it('the log-likelihood ratio equals the binomial one with θ = p0·e^δ/(p0·e^δ + 1 − p0), summed over intervals', () => {
    const obs = [
      { events: 20, canaryEvents: 13, canaryShare: 0.5 },
      { events: 7, canaryEvents: 1, canaryShare: 0.2 },
    ];
    for (const delta of [-1.3, 0.4, 2]) {
      const direct = obs.reduce((s, o) => {
        const theta = (o.canaryShare * Math.exp(delta)) / (o.canaryShare * Math.exp(delta) + 1 - o.canaryShare);
        return s + o.canaryEvents * Math.log(theta / o.canaryShare) + (o.events - o.canaryEvents) * Math.log((1 - theta) / (1 - o.canaryShare));
      }, 0);
      expect(shareLogLikelihood(obs, delta)).toBeCloseTo(direct, 10);
    }
  });

  it('estimates the rate ratio in closed form for one interval: (x/(n−x))·((1−p0)/p0)', () => {
    expect(shareEstimate([{ events: 30, canaryEvents: 20, canaryShare: 0.25 }])).toBeCloseTo(Math.log((20 / 10) * (0.75 / 0.25)), 8);
    expect(shareEstimate([{ events: 0, canaryEvents: 0, canaryShare: 0.5 }])).toBeNull();
    expect(shareEstimate([{ events: 4, canaryEvents: 4, canaryShare: 0.5 }])).toBe(Number.POSITIVE_INFINITY);
  });

  it('under no difference the e-value has mean at most 1 and crosses 1/α in at most α of analyses, with shares changing per interval', () => {
    const random = seededRandom(7);
    const runs = 4_000;
    let crossed = 0;
    let sumE = 0;
    for (let r = 0; r < runs; r++) {
      const obs: ShareObservation[] = [];
      let ever = false;
      for (let t = 0; t < 6; t++) {
        obs.push(interval(1 + Math.floor(random() * 40), [0.2, 0.5, 0.7][t % 3] as number, 1, random));
        if (shareLogEValue(obs, 0, 'up') >= Math.log(20)) ever = true;
      }
      sumE += Math.exp(shareLogEValue(obs, 0, 'up'));
      if (ever) crossed++;
    }
    expect(sumE / runs).toBeLessThan(1.05);
    expect(crossed / runs).toBeLessThan(0.05);
  });

  it('is valid against a boundary: a ratio exactly at the allowed increase is not flagged more than α of the time', () => {
    const random = seededRandom(11);
    let crossed = 0;
    for (let r = 0; r < 2_000; r++) {
      const obs = Array.from({ length: 6 }, () => interval(60, 0.5, 1.5, random));
      if ([1, 2, 3, 4, 5, 6].some((t) => shareLogEValue(obs.slice(0, t), Math.log(1.5), 'up') >= Math.log(20))) crossed++;
    }
    expect(crossed / 2_000).toBeLessThan(0.05);
  });

  it('detects a doubled error rate within a few intervals of about 36 events', () => {
    const random = seededRandom(3);
    const detectedAt: number[] = [];
    for (let r = 0; r < 300; r++) {
      const obs: ShareObservation[] = [];
      for (let t = 1; t <= 6; t++) {
        obs.push(interval(36, 0.5, 2, random));
        if (shareLogEValue(obs, 0, 'up') >= Math.log(20)) {
          detectedAt.push(t);
          break;
        }
      }
    }
    expect(detectedAt.length / 300).toBeGreaterThan(0.9);
    expect([...detectedAt].sort((a, b) => a - b)[Math.floor(detectedAt.length / 2)]).toBeLessThanOrEqual(2);
  });

  it('its confidence sequence covers the true ratio at every interval in at least 1 − α of analyses', () => {
    const random = seededRandom(5);
    let missed = 0;
    for (let r = 0; r < 200; r++) {
      const obs: ShareObservation[] = [];
      for (let t = 0; t < 4; t++) {
        obs.push(interval(50, 0.4, 1.8, random));
        const cs = shareConfidenceSequence(obs, Math.log(20));
        if ((cs.lower !== null && cs.lower > 1.8) || (cs.upper !== null && cs.upper < 1.8)) {
          missed++;
          break;
        }
      }
    }
    expect(missed / 200).toBeLessThan(0.05);
  });
});
