import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { readPrometheus } from '@/lib/world/endpoints';
import { createApplication } from '@/lib/db/applications';
import { reloadConfig } from '@/lib/env';
import { latencySeries } from '@/lib/testing/latency-series';
import { pushSeries } from '@/lib/testing/prometheus-push';
import type { IntervalRecord } from './interval';

// A borderline canary: worse on one metric whose group weighs 30 of 100, so it scores 70 — between
// marginal (50) and pass (75). The analysis goes on after interval 1 (70 is above marginal) and the
// stage fails at the end because 70 never reached pass; the stored result says Marginal.
useTestDatabase();
useEngine();

const prometheus = readPrometheus();
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-marginal-cfg-'));
  const file = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(file, stringify({ worker: { processes: 0 }, prometheus: { egress: { allow: ['127.0.0.1'] }, accounts: [{ name: 'metrics', url: prometheus.url, permissions: { READ: ['release-managers'] } }] } }));
  process.env.FORESAIL_CONFIG = file;
  reloadConfig();
  await createApplication({ name: 'marginal-it', ownerEmail: 'm@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
}, 60_000);

/** One metric per group; the series differ only by their `metric` label. */
const metric = (name: string, group: string) => ({
  name,
  groups: [group],
  query: { type: 'prometheus', customInlineTemplate: `PromQL:foresail_marginal_it{run="\${run}",case="\${case}",metric="${name}",version="\${scope}"}` },
  analysisConfigurations: { canary: { direction: 'increase' } },
});

const borderlineConfig = {
  name: 'borderline-it',
  metrics: [metric('latency', 'performance'), metric('errors', 'correctness'), metric('cpu', 'saturation')],
  classifier: { groupWeights: { performance: 40, correctness: 30, saturation: 30 } },
};

/** Two 12 s intervals that started 20 s ago (the second is judged after a real wait of about 4 s). */
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
          lifetimeDuration: 'PT24S',
          canaryAnalysisIntervalMins: '0.2',
          scoreThresholds: { pass: '75', marginal: '50' },
          scopes: [{ controlScope: 'baseline', experimentScope: 'canary', startTimeIso: new Date(start).toISOString(), step: 1, extendedScopeParams: { run, case: testCase } }],
          canaryConfig: borderlineConfig,
        },
      },
    ],
  };
}

/** Baseline and canary for every metric; the canary's mean on `worse` is 30 % higher. */
async function push(testCase: string, start: number, worse: string | null): Promise<void> {
  const series = ['latency', 'errors', 'cpu'].flatMap((name, i) =>
    (['baseline', 'canary'] as const).map((version) =>
      latencySeries({
        name: 'foresail_marginal_it',
        labels: { run, case: testCase, metric: name, version },
        start,
        stepMs: 1000,
        count: 30,
        mean: version === 'canary' && name === worse ? 0.26 : 0.2,
        jitter: 0.05,
        seed: version === 'canary' && name === worse ? 100 + i : 10 + i,
      }),
    ),
  );
  await pushSeries(prometheus.url, series);
}

const intervalsOf = (e: Awaited<ReturnType<typeof waitFor>>) => (stageByRef(e, 'c').outputs.canaryIntervals ?? []) as IntervalRecord[];

describe('kayentaCanary borderline score against real Prometheus', () => {
  it('a canary worse only on the 30-weight group scores 70: Marginal, both intervals run, and the stage fails below pass', async () => {
    const start = Math.floor((Date.now() - 20_000) / 1000) * 1000;
    await push('borderline', start, 'errors');
    const e = await waitFor(await trigger(await savePipeline('marginal-it', pipeline('borderline', start))), finished, 30_000);
    expect(e.status).toBe('TERMINAL');
    const intervals = intervalsOf(e);
    // 70 is above marginal, so interval 1 did not stop the analysis: both intervals were judged.
    expect(intervals.map((i) => i.result.score.score)).toStrictEqual([70, 70]);
    const last = intervals[1]?.result;
    expect(last?.score).toMatchObject({ score: 70, classification: 'Marginal', classificationReason: 'Score 70 is below the pass threshold 75 but at or above the marginal threshold 50 (performance 100 × 40%, correctness 0 × 30%, saturation 100 × 30%)' });
    expect(Object.fromEntries((last?.results ?? []).map((r) => [r.name, r.classification]))).toStrictEqual({ latency: 'Pass', errors: 'High', cpu: 'Pass' });
    expect(Object.fromEntries((last?.groupScores ?? []).map((g) => [g.name, g.score]))).toStrictEqual({ performance: 100, correctness: 0, saturation: 100 });
    expect(stageByRef(e, 'c').outputs).toMatchObject({ canaryScore: 70, canaryScores: [70, 70] });
    const error = (stageByRef(e, 'c').context.exception as { details: { error: string } }).details.error;
    expect(error).toMatch(/^The final score 70 is below the pass threshold of 75\. Score 70 is below the pass threshold 75 but at or above the marginal threshold 50 \(performance 100 × 40%, correctness 0 × 30%, saturation 100 × 30%\)\. Failed metrics: errors\{.*\} \(High, \+\d+\.\d%\)\.$/);
    expect(error.split('Failed metrics:')[1]).not.toMatch(/latency|cpu/);
  }, 40_000);
});
