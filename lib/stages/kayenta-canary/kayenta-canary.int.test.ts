import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor, type ExecutionState } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { choosePort } from '@/lib/world/ports';
import { readPrometheus } from '@/lib/world/endpoints';
import { createApplication } from '@/lib/db/applications';
import { reloadConfig } from '@/lib/env';
import { latencySeries } from '@/lib/testing/latency-series';
import { pushSeries } from '@/lib/testing/prometheus-push';
import type { IntervalRecord } from './interval';

useTestDatabase();
useEngine();

const shared = readPrometheus();
const run = randomUUID().slice(0, 8);
let doomed: { url: string; process: ChildProcess; dir: string } | undefined;

/** A Prometheus of this test's own, so stopping it mid-analysis leaves the shared one alone. */
async function startOwnPrometheus(): Promise<{ url: string; process: ChildProcess; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-prom-'));
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 15s\nscrape_configs: []\nstorage:\n  tsdb:\n    out_of_order_time_window: 1d\n');
  const port = await choosePort(9471);
  const child = spawn('prometheus', [`--config.file=${dir}/prometheus.yml`, `--storage.tsdb.path=${dir}/data`, `--web.listen-address=127.0.0.1:${port}`, '--web.enable-remote-write-receiver'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ready) return { url, process: child, dir };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('own prometheus did not become ready');
}

beforeAll(async () => {
  doomed = await startOwnPrometheus();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-canary-cfg-'));
  const file = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(
    file,
    stringify({
      worker: { processes: 0 },
      prometheus: {
        egress: { allow: ['127.0.0.1'] },
        accounts: [
          { name: 'metrics', url: shared.url, auth: { type: 'bearer', token: 'not-checked-by-prometheus' }, permissions: { READ: ['release-managers'] } },
          { name: 'doomed', url: doomed.url, permissions: { READ: ['release-managers'] } },
        ],
      },
    }),
  );
  process.env.FORESAIL_CONFIG = file;
  reloadConfig();
  await createApplication({ name: 'canary-it', ownerEmail: 'c@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
}, 60_000);

afterAll(() => {
  if (doomed?.process.exitCode === null) doomed.process.kill('SIGKILL');
  if (doomed) fs.rmSync(doomed.dir, { recursive: true, force: true });
});

const latencyConfig = {
  name: 'latency-it',
  metrics: [
    {
      name: 'latency',
      groups: ['performance'],
      query: { type: 'prometheus', customInlineTemplate: 'PromQL:foresail_canary_it_seconds{run="${run}",case="${case}",version="${scope}"}' },
      analysisConfigurations: { canary: { direction: 'increase' } },
    },
  ],
  classifier: { groupWeights: { performance: 100 } },
};

/**
 * Real-time analysis over two 12 s intervals that started 20 s ago: interval 1 is judged at once,
 * interval 2 after a real wait of about 4 s (its window ends in the future).
 */
function stage(testCase: string, account = 'metrics') {
  const start = Math.floor((Date.now() - 20_000) / 1000) * 1000;
  return {
    start,
    pipeline: {
      stages: [
        {
          refId: 'c',
          requisiteStageRefIds: [],
          type: 'kayentaCanary',
          name: 'Canary analysis',
          analysisType: 'realTime',
          canaryConfig: {
            canaryConfigName: 'inline',
            metricsAccountName: account,
            lifetimeDuration: 'PT24S',
            canaryAnalysisIntervalMins: '0.2',
            scoreThresholds: { pass: '75', marginal: '50' },
            scopes: [{ controlScope: 'baseline', experimentScope: 'canary', startTimeIso: new Date(start).toISOString(), step: 1, extendedScopeParams: { run, case: testCase } }],
            canaryConfig: latencyConfig,
          },
        },
      ],
    },
  };
}

async function push(url: string, testCase: string, start: number, sides: { version: string; mean: number; seed: number }[]): Promise<void> {
  await pushSeries(
    url,
    sides.map((s) => latencySeries({ name: 'foresail_canary_it_seconds', labels: { run, case: testCase, version: s.version }, start, stepMs: 1000, count: 30, mean: s.mean, jitter: 0.05, seed: s.seed })),
  );
}

const intervalsOf = (e: ExecutionState) => (stageByRef(e, 'c').outputs.canaryIntervals ?? []) as IntervalRecord[];
const exceptionOf = (e: ExecutionState) => (stageByRef(e, 'c').context.exception as { details: { error: string; errors?: string[] } }).details.error;

describe('kayentaCanary stage against real Prometheus', () => {
  it('fails at once when the canary is 30 % slower, naming the score and the metric', async () => {
    const { start, pipeline } = stage('slower');
    await push(shared.url, 'slower', start, [
      { version: 'baseline', mean: 0.2, seed: 1 },
      { version: 'canary', mean: 0.26, seed: 2 },
    ]);
    const e = await waitFor(await trigger(await savePipeline('canary-it', pipeline)), finished, 30_000);
    expect(e.status).toBe('TERMINAL');
    const intervals = intervalsOf(e);
    expect(intervals).toHaveLength(1); // the second interval never ran
    expect(intervals[0]?.result.results[0]).toMatchObject({ name: 'latency', classification: 'High' });
    expect(intervals[0]?.result.results[0]?.experiment.stats.count).toBe(13);
    expect(exceptionOf(e)).toMatch(/^Interval 1 scored 0, not above the marginal threshold of 50, so the analysis stopped early\. .*Failed metrics: latency\{.*\} \(High, \+\d+\.\d%\)/);
  }, 40_000);

  it('passes identical behaviour after judging both intervals, the second after a real wait', async () => {
    const { start, pipeline } = stage('same');
    await push(shared.url, 'same', start, [
      { version: 'baseline', mean: 0.2, seed: 3 },
      { version: 'canary', mean: 0.2, seed: 3 },
    ]);
    const id = await trigger(await savePipeline('canary-it', pipeline));
    const waiting = await waitFor(id, (x) => intervalsOf(x).length === 1, 20_000);
    expect(stageByRef(waiting, 'c').status).toBe('RUNNING');
    const e = await waitFor(id, finished, 30_000);
    expect(e.status).toBe('SUCCEEDED');
    const intervals = intervalsOf(e);
    expect(intervals.map((i) => i.result.score.score)).toStrictEqual([100, 100]);
    expect(stageByRef(e, 'c').outputs.canaryScores).toStrictEqual([100, 100]);
    // A growing window: the second interval judges twice the points, and it ran only once its window had ended.
    expect(intervals.map((i) => i.series[0]?.control.length)).toStrictEqual([13, 25]);
    expect(intervals[1]?.judgedAtMs).toBeGreaterThanOrEqual(start + 24_000);
    expect(intervals[0]?.queries.latency?.experiment).toBe(`foresail_canary_it_seconds{run="${run}",case="same",version="canary"}`);
  }, 40_000);

  it('never passes without canary data: Nodata with the reason, and the stage fails', async () => {
    const { start, pipeline } = stage('nocanary');
    await push(shared.url, 'nocanary', start, [{ version: 'baseline', mean: 0.2, seed: 4 }]);
    const e = await waitFor(await trigger(await savePipeline('canary-it', pipeline)), finished, 30_000);
    expect(e.status).toBe('TERMINAL');
    const result = intervalsOf(e)[0]?.result;
    expect(result?.results[0]).toMatchObject({ classification: 'Nodata', classificationReason: 'No data for latency: Prometheus returned no data for the canary (experiment)' });
    expect(result?.score).toMatchObject({ score: 0, classification: 'Fail' });
    expect(exceptionOf(e)).toMatch(/50% or more metrics returned NODATA.*latency.*Nodata: No data for latency/);
  }, 40_000);

  it('refuses a metrics account the run may not use when it starts (not after the first interval), naming the roles needed', async () => {
    // An hour-long analysis whose first interval ends in an hour: the refusal must not wait for it.
    const { pipeline } = stage('denied');
    const [canary] = pipeline.stages;
    if (!canary) throw new Error('no stage');
    const hourLong = { stages: [{ ...canary, canaryConfig: { ...canary.canaryConfig, lifetimeDuration: 'PT1H', canaryAnalysisIntervalMins: '60', scopes: [{ ...canary.canaryConfig.scopes[0], startTimeIso: new Date().toISOString() }] } }] };
    const id = await savePipeline('canary-it', hourLong);
    const byCarol = await waitFor(await trigger(id, { authentication: { user: 'carol', roles: ['developers'] }, trigger: { type: 'manual', user: 'carol' } }), finished, 20_000);
    expect(byCarol.status).toBe('TERMINAL');
    expect(exceptionOf(byCarol)).toBe("carol's run may not use Prometheus metrics account metrics: that needs one of the roles release-managers");
    expect(intervalsOf(byCarol)).toHaveLength(0);
    const automatic = await waitFor(await trigger(id, { source: 'webhook', authentication: { user: null, roles: [] }, trigger: { type: 'webhook' } }), finished, 20_000);
    expect(exceptionOf(automatic)).toBe('This automatic run may not use Prometheus metrics account metrics: that needs one of the roles release-managers');
    const unknown = await waitFor(await trigger(await savePipeline('canary-it', { stages: [{ ...hourLong.stages[0], canaryConfig: { ...hourLong.stages[0]?.canaryConfig, metricsAccountName: 'nope' } }] })), finished, 20_000);
    expect(exceptionOf(unknown)).toBe('No Prometheus metrics account named nope that this run may use (accounts it may use: metrics, doomed)');
  }, 70_000);

  it('fails with the reason when Prometheus stops mid-analysis', async () => {
    if (!doomed) throw new Error('no own prometheus');
    const { start, pipeline } = stage('stopped', 'doomed');
    await push(doomed.url, 'stopped', start, [
      { version: 'baseline', mean: 0.2, seed: 5 },
      { version: 'canary', mean: 0.2, seed: 5 },
    ]);
    const id = await trigger(await savePipeline('canary-it', pipeline));
    await waitFor(id, (x) => intervalsOf(x).length === 1, 20_000);
    doomed.process.kill('SIGTERM');
    await new Promise((resolve) => doomed?.process.once('exit', resolve));
    const e = await waitFor(id, finished, 30_000);
    expect(e.status).toBe('TERMINAL');
    const intervals = intervalsOf(e);
    expect(intervals.map((i) => i.result.score.score)).toStrictEqual([100, 0]);
    expect(intervals[1]?.result.results[0]?.classificationReason).toMatch(/^No data for latency: Prometheus account doomed could not be reached: /);
    expect(exceptionOf(e)).toMatch(/^Interval 2 scored 0, not above the marginal threshold of 50.*could not be reached/);
  }, 40_000);
});
