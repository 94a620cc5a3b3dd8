import { seededRandom } from '../canary/stats/noise.ts';
import type { RemoteWriteSeries } from './remote-write-proto.ts';

export interface LatencySeriesOptions {
  /** Metric name, e.g. `http_request_duration_seconds`. */
  name: string;
  /** Other labels, e.g. `{ app: 'checkout', version: 'canary' }`. */
  labels?: Record<string, string>;
  /** Timestamp of the first sample, ms since the epoch. */
  start: number;
  stepMs: number;
  count: number;
  /** Centre of the values. A canary "30 % slower" than a baseline of 0.2 has mean 0.26. */
  mean: number;
  /** Relative spread: each value is mean × (1 ± up to jitter), uniformly. 0.1 = ±10 %. Default 0. */
  jitter?: number;
  /** PRNG seed; the same options always give the same values. Default 1. */
  seed?: number;
}

/**
 * A gauge-like latency series with evenly spaced samples around `mean`, for canary-analysis tests:
 * push a baseline and a canary with different means and the same start/step, then judge them.
 */
export function latencySeries(opts: LatencySeriesOptions): RemoteWriteSeries {
  if (!Number.isInteger(opts.count) || opts.count < 0) throw new RangeError(`count must be a non-negative integer`);
  if (opts.stepMs <= 0) throw new RangeError(`stepMs must be positive`);
  const jitter = opts.jitter ?? 0;
  const random = seededRandom(opts.seed ?? 1);
  const samples: [number, number][] = [];
  for (let i = 0; i < opts.count; i++) {
    samples.push([opts.start + i * opts.stepMs, opts.mean * (1 + jitter * (2 * random() - 1))]);
  }
  return { labels: { ...opts.labels, __name__: opts.name }, samples };
}
