import { describe, expect, it } from 'vitest';
import { seededRandom } from '../canary/stats/noise.ts';
import { latencySeries } from './latency-series.ts';

const base = { name: 'latency_seconds', start: 1_000_000, stepMs: 15_000, count: 200, mean: 0.2, jitter: 0.1 };

describe('latencySeries', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(latencySeries({ ...base, seed: 7 })).toEqual(latencySeries({ ...base, seed: 7 }));
    expect(latencySeries({ ...base, seed: 7 }).samples).not.toEqual(latencySeries({ ...base, seed: 8 }).samples);
  });

  it('spaces samples evenly and keeps values within mean ± jitter', () => {
    const { labels, samples } = latencySeries({ ...base, labels: { version: 'canary' } });
    expect(labels).toEqual({ __name__: 'latency_seconds', version: 'canary' });
    expect(samples.map(([t]) => t)).toEqual(Array.from({ length: 200 }, (_, i) => 1_000_000 + i * 15_000));
    for (const [, v] of samples) {
      expect(v).toBeGreaterThanOrEqual(0.18);
      expect(v).toBeLessThanOrEqual(0.22);
    }
    const mean = samples.reduce((sum, [, v]) => sum + v, 0) / samples.length;
    expect(mean).toBeCloseTo(0.2, 2);
  });

  it('gives exactly the mean without jitter', () => {
    expect(latencySeries({ ...base, jitter: 0, count: 3 }).samples.map(([, v]) => v)).toEqual([0.2, 0.2, 0.2]);
  });
});

describe('seededRandom', () => {
  it('yields numbers in [0, 1)', () => {
    const random = seededRandom(123);
    for (let i = 0; i < 1_000; i++) {
      const x = random();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
