import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readPrometheus } from '@/lib/world/endpoints';
import { egressFetch } from '@/lib/egress';
import { pushSeries } from '@/lib/testing/prometheus-push';
import { fetchMetricPairs, queryRange, type HttpFetcher, type PrometheusEndpoint } from '.';

const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);
const fetcher: HttpFetcher = (url, init) => egressFetch(url, init, { allow: ['127.0.0.1'] });
const endpoint: PrometheusEndpoint = { name: 'it', url: prometheus.url, headers: {}, fetch: fetcher };
const start = Math.floor(Date.now() / 1000) * 1000 - 60_000;
const samples = (values: number[]): [number, number][] => values.map((v, i) => [start + i * 10_000, v]);

describe('Prometheus metric store against real Prometheus', () => {
  it('reads query_range through the egress policy, NaN included', async () => {
    await pushSeries(prometheus.url, [{ labels: { __name__: 'foresail_prom_it', run, side: 'x' }, samples: samples([1, Number.NaN, 3]) }]);
    const series = await queryRange(endpoint, { query: `foresail_prom_it{run="${run}",side="x"}`, startMs: start, endMs: start + 20_000, stepSeconds: 10 });
    expect(series).toHaveLength(1);
    expect(series[0]?.points).toStrictEqual(samples([1, Number.NaN, 3]));
  });

  it('is refused by the default egress policy (loopback) and reports Prometheus errors', async () => {
    const strict: HttpFetcher = (url, init) => egressFetch(url, init, { allow: [] });
    await expect(queryRange({ ...endpoint, fetch: strict }, { query: 'up', startMs: start, endMs: start, stepSeconds: 10 })).rejects.toThrow(/^Prometheus account it could not be reached: .*loopback/i);
    await expect(queryRange(endpoint, { query: 'rate(', startMs: start, endMs: start, stepSeconds: 10 })).rejects.toThrow(/^Prometheus account it: Prometheus answered 400 \(bad_data\)/);
  });

  it('reports a label mismatch between baseline and canary with both label sets', async () => {
    await pushSeries(prometheus.url, [
      { labels: { __name__: 'foresail_prom_mm', run, track: 'baseline', pod: 'web-baseline-7f9' }, samples: samples([1, 2, 3]) },
      { labels: { __name__: 'foresail_prom_mm', run, track: 'canary', pod: 'web-canary-5c2' }, samples: samples([1, 2, 4]) },
    ]);
    const config = { metrics: [{ name: 'mm', query: { type: 'prometheus', customInlineTemplate: `PromQL:foresail_prom_mm{run="${run}",track="\${scope}"}` } }] };
    const window = { startMs: start, endMs: start + 20_000 };
    const fetched = await fetchMetricPairs({ endpoint, config, control: { scope: 'baseline', ...window }, experiment: { scope: 'canary', ...window }, stepSeconds: 10 });
    expect(fetched.warnings).toStrictEqual([
      expect.objectContaining({ kind: 'labelMismatch', metric: 'mm', control: [{ run, track: 'baseline', pod: 'web-baseline-7f9' }], experiment: [{ run, track: 'canary', pod: 'web-canary-5c2' }] }),
    ]);
    expect(fetched.pairs).toStrictEqual([{ id: 'mm#0', name: 'mm', tags: { run }, control: samples([1, 2, 3]), experiment: samples([1, 2, 4]) }]);
  });
});
