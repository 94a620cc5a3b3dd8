import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { latencySeries } from '@/lib/testing/latency-series.ts';
import { pushSeries, type RemoteWriteSeries } from '@/lib/testing/prometheus-push.ts';
import { readPrometheus } from './endpoints.ts';

const prometheus = readPrometheus();
// A fresh label per run keeps these assertions independent of what earlier runs pushed into a reused Prometheus.
const run = randomUUID().slice(0, 8);
const HOUR = 3_600_000;

interface MatrixResult {
  metric: Record<string, string>;
  values: [number, string][];
}

async function query(path: string, params: Record<string, string>): Promise<unknown> {
  const url = new URL(path, prometheus.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url);
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url.href} failed with ${res.status}: ${body}`);
  const parsed: { status: string; data: { result: unknown } } = JSON.parse(body);
  expect(parsed.status).toBe('success');
  return parsed.data.result;
}

/** query_range whose evaluation steps land exactly on the pushed samples, so values come back unchanged. */
async function rangeOf(series: RemoteWriteSeries, selector: string, stepMs: number): Promise<MatrixResult[]> {
  const first = series.samples[0]?.[0] ?? 0;
  const last = series.samples.at(-1)?.[0] ?? 0;
  return (await query('/api/v1/query_range', {
    query: selector,
    start: String(first / 1000),
    end: String(last / 1000),
    step: `${stepMs / 1000}s`,
  })) as MatrixResult[];
}

const asPoints = (result: MatrixResult | undefined) => (result?.values ?? []).map(([t, v]) => [t * 1000, Number(v)]);

// Whole seconds, so the query's start/end parameters are exact.
const now = Math.floor(Date.now() / 1000) * 1000;

describe('Prometheus test instance', () => {
  it('returns pushed samples with their exact timestamps and values', async () => {
    const series = latencySeries({
      name: 'foresail_it_request_seconds',
      labels: { run, window: 'recent' },
      start: now - 10 * 60_000,
      stepMs: 30_000,
      count: 20,
      mean: 0.25,
      jitter: 0.2,
      seed: 42,
    });
    await pushSeries(prometheus.url, [series]);
    const result = await rangeOf(series, `foresail_it_request_seconds{run="${run}",window="recent"}`, 30_000);
    expect(result).toHaveLength(1);
    expect(result[0]?.metric).toEqual({ __name__: 'foresail_it_request_seconds', run, window: 'recent' });
    expect(asPoints(result[0])).toEqual(series.samples);
  });

  it('accepts and returns samples three hours old (out-of-order window)', async () => {
    const old: RemoteWriteSeries = {
      labels: { __name__: 'foresail_it_backfill', run },
      samples: [
        [now - 3 * HOUR, 1.5],
        [now - 3 * HOUR + 60_000, 2.5],
        [now - 3 * HOUR + 120_000, -3.25],
      ],
    };
    await pushSeries(prometheus.url, [{ labels: { __name__: 'foresail_it_backfill', run }, samples: [[now, 9]] }]);
    await pushSeries(prometheus.url, [old]); // after a newer sample: only the out-of-order window allows this
    const result = await rangeOf(old, `foresail_it_backfill{run="${run}"}`, 60_000);
    expect(asPoints(result[0])).toEqual(old.samples);
  });

  it('reproduces a "canary is 30 % slower" comparison', async () => {
    const common = { name: 'foresail_it_latency_seconds', start: now - 20 * 60_000, stepMs: 15_000, count: 60, jitter: 0.05 };
    const baseline = latencySeries({ ...common, labels: { run, version: 'baseline' }, mean: 0.2, seed: 1 });
    const canary = latencySeries({ ...common, labels: { run, version: 'canary' }, mean: 0.26, seed: 2 });
    await pushSeries(prometheus.url, [baseline, canary]);

    const mean = (s: RemoteWriteSeries) => s.samples.reduce((sum, [, v]) => sum + v, 0) / s.samples.length;
    const last = (canary.samples.at(-1)?.[0] ?? 0) / 1000;
    const result = (await query('/api/v1/query', {
      query:
        `avg_over_time(foresail_it_latency_seconds{run="${run}",version="canary"}[30m])` +
        ` / ignoring(version) avg_over_time(foresail_it_latency_seconds{run="${run}",version="baseline"}[30m])`,
      time: String(last),
    })) as { value: [number, string] }[];
    expect(result).toHaveLength(1);
    const ratio = Number(result[0]?.value[1]);
    expect(ratio).toBeCloseTo(mean(canary) / mean(baseline), 9);
    expect(ratio).toBeGreaterThan(1.25);
    expect(ratio).toBeLessThan(1.35);
  });

  it('reports a rejected push with the response body', async () => {
    const tooOld: RemoteWriteSeries = { labels: { __name__: 'foresail_it_too_old', run }, samples: [[now - 60 * 24 * HOUR, 1]] };
    await expect(pushSeries(prometheus.url, [tooOld])).rejects.toThrow(/failed with \d{3}: .*too old/);
  });
});
