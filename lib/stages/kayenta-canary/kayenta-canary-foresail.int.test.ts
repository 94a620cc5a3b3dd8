import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor, type ExecutionState } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { readPrometheus } from '@/lib/world/endpoints';
import { createApplication } from '@/lib/db/applications';
import { reloadConfig } from '@/lib/env';
import { seededRandom } from '@/lib/testing/latency-series';
import { pushSeries, type RemoteWriteSeries } from '@/lib/testing/prometheus-push';
import type { IntervalRecord } from './interval';

useTestDatabase();
useEngine();

const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);
const BOUNDS = ['0.1', '0.25', '0.5', '1', '+Inf'];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-canary-fs-'));
  const file = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(file, stringify({ worker: { processes: 0 }, prometheus: { egress: { allow: ['127.0.0.1'] }, accounts: [{ name: 'metrics', url: prometheus.url, permissions: { READ: ['release-managers'] } }] } }));
  process.env.FORESAIL_CONFIG = file;
  reloadConfig();
  await createApplication({ name: 'canary-fs-it', ownerEmail: 'c@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
}, 60_000);

/**
 * The foresail-v1 config: a latency histogram (one series per `le`, each point the requests of one
 * step, as a recording rule of `increase(..._bucket[1s])` gives them) and an error counter whose
 * exposure is the request counter. Both critical.
 */
const config = {
  name: 'foresail-it',
  judge: { name: 'foresail-v1', judgeConfigurations: {} },
  metrics: [
    {
      name: 'latency',
      groups: ['service'],
      query: { type: 'prometheus', customInlineTemplate: 'PromQL:sum by (le) (foresail_fs_it_latency_bucket{run="${run}",case="${case}",version="${scope}"})' },
      analysisConfigurations: { canary: { direction: 'increase', critical: true, foresail: { kind: 'histogram' } } },
    },
    {
      name: 'errors',
      groups: ['service'],
      query: { type: 'prometheus', customInlineTemplate: 'PromQL:sum(foresail_fs_it_errors{run="${run}",case="${case}",version="${scope}"})' },
      analysisConfigurations: { canary: { direction: 'increase', critical: true, foresail: { kind: 'count', exposure: 'requests' } } },
    },
    {
      name: 'requests',
      groups: ['service'],
      query: { type: 'prometheus', customInlineTemplate: 'PromQL:sum(foresail_fs_it_requests{run="${run}",case="${case}",version="${scope}"})' },
      analysisConfigurations: { canary: { muted: true, foresail: { kind: 'count' } } },
    },
  ],
  classifier: { groupWeights: { service: 100 } },
};

/** Three 10 s intervals that started 35 s ago: all three windows have ended, so they are judged at once. */
function pipeline(testCase: string, start: number) {
  return {
    stages: [
      {
        refId: 'c',
        requisiteStageRefIds: [],
        type: 'kayentaCanary',
        name: 'Canary analysis',
        analysisType: 'realTime',
        canaryConfig: {
          canaryConfigName: 'inline',
          metricsAccountName: 'metrics',
          lifetimeDuration: 'PT30S',
          canaryAnalysisIntervalMins: String(10 / 60),
          scoreThresholds: { pass: '95', marginal: '75' },
          scopes: [{ controlScope: 'baseline', experimentScope: 'canary', startTimeIso: new Date(start).toISOString(), step: 1, extendedScopeParams: { run, case: testCase } }],
          canaryConfig: config,
        },
      },
    ],
  };
}

/** One side's series, a point per second: requests, errors, and cumulative latency buckets per step. */
function side(testCase: string, version: string, start: number, o: { seed: number; errorRate: number; slowShare: number }): RemoteWriteSeries[] {
  const random = seededRandom(o.seed);
  const labels = { run, case: testCase, version };
  const requests: [number, number][] = [];
  const errors: [number, number][] = [];
  const buckets = BOUNDS.map(() => [] as [number, number][]);
  for (let i = 0; i < 40; i++) {
    const t = start + i * 1_000;
    const n = 80 + Math.floor(random() * 40);
    let e = 0;
    const counts = BOUNDS.map(() => 0);
    for (let r = 0; r < n; r++) {
      if (random() < o.errorRate) e++;
      // Median ~0.1 s; a slow request lands above 0.5 s.
      const latency = random() < o.slowShare ? 0.6 + random() : 0.05 + random() * 0.1;
      BOUNDS.forEach((b, k) => {
        if (b === '+Inf' || latency <= Number(b)) counts[k] = (counts[k] as number) + 1;
      });
    }
    requests.push([t, n]);
    errors.push([t, e]);
    counts.forEach((c, k) => buckets[k]?.push([t, c]));
  }
  return [
    { labels: { __name__: 'foresail_fs_it_requests', ...labels }, samples: requests },
    { labels: { __name__: 'foresail_fs_it_errors', ...labels }, samples: errors },
    ...BOUNDS.map((le, k) => ({ labels: { __name__: 'foresail_fs_it_latency_bucket', ...labels, le }, samples: buckets[k] ?? [] })),
  ];
}

const intervalsOf = (e: ExecutionState) => (stageByRef(e, 'c').outputs.canaryIntervals ?? []) as IntervalRecord[];

describe('kayentaCanary with the foresail-v1 judge against real Prometheus', () => {
  it('stops after the first of three intervals when the canary errors three times as often and is slower in the tail', async () => {
    const start = Math.floor((Date.now() - 35_000) / 1000) * 1000;
    await pushSeries(prometheus.url, [...side('worse', 'baseline', start, { seed: 1, errorRate: 0.02, slowShare: 0.01 }), ...side('worse', 'canary', start, { seed: 2, errorRate: 0.06, slowShare: 0.05 })]);
    const e = await waitFor(await trigger(await savePipeline('canary-fs-it', pipeline('worse', start))), finished, 30_000);
    expect(e.status).toBe('TERMINAL');
    const intervals = intervalsOf(e);
    expect(intervals).toHaveLength(1);
    const result = intervals[0]?.result;
    expect(result?.judgeName).toBe('foresail-v1');
    expect(result?.score.score).toBe(0);
    const byName = Object.fromEntries((result?.results ?? []).map((r) => [r.name, r]));
    expect(byName.errors).toMatchObject({ classification: 'High', critical: true });
    expect(byName.errors?.sequential?.test).toBe('share');
    expect(byName.errors?.sequential?.effect?.lower).toBeGreaterThan(1.5);
    expect(byName.latency).toMatchObject({ classification: 'High', critical: true, tags: {} });
    expect(byName.latency?.sequential?.test).toBe('histogram');
    expect(stageByRef(e, 'c').outputs.canaryStoppedEarly).toStrictEqual({ interval: 1, of: 3 });
    expect((stageByRef(e, 'c').context.exception as { details: { error: string } }).details.error).toMatch(/^Interval 1 scored 0, .*stopped early \(interval 1 of 3\)\..*errors/);
  }, 40_000);

  it('passes the same behaviour after all three intervals, adding only each interval\'s new points to its evidence', async () => {
    const start = Math.floor((Date.now() - 35_000) / 1000) * 1000;
    await pushSeries(prometheus.url, [...side('same', 'baseline', start, { seed: 3, errorRate: 0.02, slowShare: 0.01 }), ...side('same', 'canary', start, { seed: 4, errorRate: 0.02, slowShare: 0.01 })]);
    const e = await waitFor(await trigger(await savePipeline('canary-fs-it', pipeline('same', start))), finished, 30_000);
    expect(e.status).toBe('SUCCEEDED');
    const intervals = intervalsOf(e);
    expect(intervals.map((i) => i.result.score.score)).toStrictEqual([100, 100, 100]);
    expect(intervals.map((i) => i.result.sequential?.look)).toStrictEqual([1, 2, 3]);
    expect(intervals[2]?.result.sequential?.state.metrics.errors?.count).toHaveLength(3);
    // Each interval adds about 10 s of requests (a growing window would add 10, 20, 30 s).
    const requests = intervals.map((i) => i.result.results.find((r) => r.name === 'latency')?.sequential?.amount.canary ?? 0);
    for (const n of requests) expect(n).toBeGreaterThan(700);
    for (const n of requests) expect(n).toBeLessThan(1_300);
    expect(stageByRef(e, 'c').outputs.canaryStoppedEarly).toBeUndefined();
  }, 40_000);
});
