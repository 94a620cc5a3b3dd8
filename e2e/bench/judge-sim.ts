/**
 * Generators for the judgment-quality benchmark: the series Prometheus would return for a baseline
 * and a canary over one analysis, from a seeded random source. Gauges are AR(1) (what `rate()` and
 * smoothed gauges look like), counters are Poisson per step, histograms are per-request latencies
 * binned into Prometheus buckets per step.
 */
import type { RandomSource } from '../../lib/canary/stats';

export function gaussian(random: RandomSource): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Poisson draw (Knuth for small means, normal approximation above 200). */
export function poisson(mean: number, random: RandomSource): number {
  if (mean <= 0) return 0;
  if (mean > 200) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** Stationary AR(1) with unit variance: x_t = φ x_{t−1} + √(1 − φ²) ε_t. */
export function ar1(length: number, phi: number, random: RandomSource): number[] {
  const out = new Array<number>(length);
  let x = gaussian(random);
  const innovation = Math.sqrt(1 - phi * phi);
  for (let t = 0; t < length; t++) {
    if (t > 0) x = phi * x + innovation * gaussian(random);
    out[t] = x;
  }
  return out;
}

/** Prometheus-style latency buckets (seconds) around a 100 ms median. */
export const LATENCY_BOUNDS = [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2, Number.POSITIVE_INFINITY];

export interface HistogramSteps {
  /** Per step, cumulative counts per bound (same order as LATENCY_BOUNDS). */
  buckets: number[][];
  /** Per step mean latency (sum/count), what a Kayenta user charts. */
  mean: number[];
  /** Per step p99 as histogram_quantile computes it. */
  p99: number[];
}

/** Per-request latencies, log-normal around `median`, transformed by `slow` (e.g. a regression), binned per step. */
export function latencyHistogram(steps: number, requestsPerStep: number, median: number, sigma: number, random: RandomSource, slow: (latency: number, step: number) => number = (l) => l): HistogramSteps {
  const buckets: number[][] = [];
  const mean: number[] = [];
  const p99: number[] = [];
  for (let s = 0; s < steps; s++) {
    const n = poisson(requestsPerStep, random);
    const counts = new Array<number>(LATENCY_BOUNDS.length).fill(0);
    let sum = 0;
    for (let r = 0; r < n; r++) {
      const latency = slow(median * Math.exp(sigma * gaussian(random)), s);
      sum += latency;
      let b = 0;
      while (latency > (LATENCY_BOUNDS[b] as number)) b++;
      counts[b] = (counts[b] as number) + 1;
    }
    for (let b = 1; b < counts.length; b++) counts[b] = (counts[b] as number) + (counts[b - 1] as number);
    buckets.push(counts);
    mean.push(n > 0 ? sum / n : Number.NaN);
    p99.push(quantile(counts, 0.99));
  }
  return { buckets, mean, p99 };
}

function quantile(cumulative: number[], q: number): number {
  const total = cumulative[cumulative.length - 1] as number;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  for (let i = 0; i < cumulative.length; i++) {
    if ((cumulative[i] as number) >= rank) {
      const upper = LATENCY_BOUNDS[i] as number;
      const lower = i > 0 ? (LATENCY_BOUNDS[i - 1] as number) : 0;
      if (!Number.isFinite(upper)) return lower;
      const below = i > 0 ? (cumulative[i - 1] as number) : 0;
      return lower + ((upper - lower) * (rank - below)) / ((cumulative[i] as number) - below);
    }
  }
  return Number.NaN;
}
