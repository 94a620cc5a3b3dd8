import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { latencySeries } from '../lib/testing/latency-series';
import { pushSeries } from '../lib/testing/prometheus-push';
import { createApplicationViaApi, expect, test, uniqueName } from './support/fixtures';
import { createPipelineViaApi } from './support/pipeline-editor';

const screenshots = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const run = randomUUID().slice(0, 8);

const metric = (name: string, series: string, extra: Record<string, unknown> = {}) => ({
  name,
  groups: [name],
  // The two sides differ in the version label: aggregate it away so they pair (as a real config would).
  query: { type: 'prometheus', customInlineTemplate: `PromQL:avg without (version) (${series}{run="${run}",version="\${scope}"})` },
  analysisConfigurations: { canary: { direction: 'increase', ...extra } },
});
const config = {
  name: 'checkout-canary',
  metrics: [metric('cpu', 'e2e_canary_cpu'), metric('p99 latency', 'e2e_canary_latency_seconds', { critical: true }), metric('memory', 'e2e_canary_memory')],
  classifier: { groupWeights: { cpu: 30, 'p99 latency': 50, memory: 20 } },
};

test.describe('canary report', () => {
  test('a failed retrospective analysis shows the failing metric first, its interval figure and the three charts', async ({ page, adminApi, world }) => {
    test.setTimeout(90_000);
    const app = uniqueName('canary-report');
    await createApplicationViaApi(adminApi, app, { permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
    // Ten minutes of history at 10 s: the canary is 40 % slower; CPU and memory match the baseline.
    const start = Math.floor((Date.now() - 15 * 60_000) / 1000) * 1000;
    const series = (name: string, version: string, mean: number, seed: number) => latencySeries({ name, labels: { run, version }, start, stepMs: 10_000, count: 60, mean, jitter: 0.08, seed });
    await pushSeries(world.prometheus.url, [
      series('e2e_canary_latency_seconds', 'baseline', 0.2, 1),
      series('e2e_canary_latency_seconds', 'canary', 0.28, 2),
      series('e2e_canary_cpu', 'baseline', 0.5, 3),
      series('e2e_canary_cpu', 'canary', 0.5, 4),
      series('e2e_canary_memory', 'baseline', 300, 5),
      series('e2e_canary_memory', 'canary', 300, 6),
    ]);
    const res = await adminApi.post('/api/v1/canary/analyses', {
      data: { application: app, canaryConfig: config, metricsAccountName: 'metrics', controlScope: 'baseline', experimentScope: 'canary', start: new Date(start).toISOString(), end: new Date(start + 590_000).toISOString(), step: 10 },
    });
    expect(res.status(), await res.text()).toBe(201);
    const { id } = (await res.json()) as { id: string };

    await page.goto('/canary');
    const row = page.getByTestId('canary-analyses').getByRole('row').filter({ hasText: app });
    await expect(row.getByTestId('score-pill')).toHaveText(/0\s*Fail/);
    await row.getByRole('link', { name: 'Report' }).click();
    await expect(page).toHaveURL(new RegExp(`/canary/analyses/${id}$`));

    const report = page.getByTestId('canary-report');
    await expect(report.getByTestId('score-reason')).toContainText('Canary Failed:');
    await expect(report.getByTestId('score-reason')).toContainText('p99 latency');
    // The failing (critical) metric comes first and is selected, though the config lists it second.
    const rows = report.getByTestId('metric-row');
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toHaveAttribute('data-metric', 'p99 latency');
    await expect(rows.first()).toContainText('High');
    await expect(rows.first()).toContainText('critical');
    await expect(rows.first()).toContainText(/\+\d+\.\d%/);
    await expect(report.getByText('Pass (2)')).toBeVisible();

    const detail = report.getByTestId('metric-detail');
    await expect(detail.getByRole('heading', { name: 'p99 latency' })).toBeVisible();
    await expect(detail.getByTestId('metric-reason')).not.toBeEmpty();
    await expect(detail.getByTestId('metric-stats')).toContainText('60');
    const ci = detail.getByTestId('ci-figure');
    await expect(ci).toContainText('The whole interval lies above');
    await expect(ci.locator('svg circle')).toHaveCount(1); // the estimate
    await expect(detail.getByTestId('effect-size')).toContainText('mean ratio');
    await expect(detail.getByTestId('chart-timeseries').locator('.recharts-line')).toHaveCount(2);
    await expect(detail.getByTestId('chart-difference').locator('.recharts-area')).toHaveCount(1);
    await expect(detail.getByTestId('metric-promql')).toContainText(`avg without (version) (e2e_canary_latency_seconds{run="${run}",version="canary"})`);
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'canary-report.png'), fullPage: true });

    await detail.getByRole('tab', { name: 'Histogram' }).click();
    await expect(detail.getByTestId('chart-histogram').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await detail.getByRole('tab', { name: 'Box plot' }).click();
    const box = detail.getByTestId('chart-boxplot');
    await expect(box.locator('.recharts-scatter-symbol')).toHaveCount(120); // every point of both sides
    await expect(box).toContainText('median');
    await detail.screenshot({ path: path.join(screenshots, 'canary-report-metric.png') });

    // The classification filter hides passing metrics; a group block filters to its group.
    await report.getByRole('checkbox', { name: 'Pass (2)' }).uncheck();
    await expect(rows).toHaveCount(1);
    await report.getByRole('checkbox', { name: 'Pass (2)' }).check();
    await report.getByRole('group', { name: 'Group scores' }).getByRole('button', { name: /^memory/ }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-metric', 'memory');
  });

  test('a pipeline canary stage shows interval scores in its Canary tab and links to a live report', async ({ page, adminApi, world }) => {
    test.setTimeout(120_000);
    const app = uniqueName('canary-stage');
    await createApplicationViaApi(adminApi, app, { permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
    // Real time over two 15 s intervals that began 20 s ago: #1 is judged at once, #2 after a real wait.
    const start = Math.floor((Date.now() - 20_000) / 1000) * 1000;
    const side = (version: string, mean: number, seed: number) => latencySeries({ name: 'e2e_stage_latency_seconds', labels: { run, version }, start, stepMs: 1000, count: 45, mean, jitter: 0.05, seed });
    await pushSeries(world.prometheus.url, [side('baseline', 0.2, 7), side('canary', 0.2, 7)]);
    const stageConfig = {
      name: 'stage-latency',
      metrics: [metric('latency', 'e2e_stage_latency_seconds')],
      classifier: { groupWeights: { latency: 100 } },
    };
    const pipeline = await createPipelineViaApi(adminApi, app, {
      name: 'canary',
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
            canaryAnalysisIntervalMins: '0.25',
            scoreThresholds: { pass: '75', marginal: '50' },
            scopes: [{ controlScope: 'baseline', experimentScope: 'canary', startTimeIso: new Date(start).toISOString(), step: 1 }],
            canaryConfig: stageConfig,
          },
        },
      ],
    });
    const started = await adminApi.post(`/api/v1/applications/${app}/pipelines/${pipeline.id}/executions`, { data: {} });
    expect(started.status(), await started.text()).toBe(202);
    const { id: executionId } = (await started.json()) as { id: string };

    await page.goto(`/applications/${app}/executions/${executionId}`);
    await expect(page.locator('html[data-execution-ready]')).toBeAttached();
    await page.getByRole('group', { name: /^Stage graph/ }).getByRole('button', { name: /^Canary analysis,/ }).click();
    const tab = page.getByTestId('canary-stage-tab');
    await expect(tab.getByTestId('score-pill').first()).toContainText('100', { timeout: 30_000 });
    await tab.getByRole('link', { name: 'Open the canary report' }).click();
    await expect(page).toHaveURL(/\/canary\/[^/]+$/);
    const report = page.getByTestId('canary-report');
    // Interval 2 arrives over the event stream without a reload.
    await expect(report.getByTestId('interval-score')).toHaveCount(2, { timeout: 40_000 });
    await expect(report.getByTestId('interval-score').nth(1)).toContainText('#2');
    await expect(report.getByTestId('metric-row').first()).toHaveAttribute('data-metric', 'latency');

    // The Canary reports list has the stage with both interval scores, linking back to this report.
    await page.goto('/canary');
    const runRow = page.getByTestId('canary-stage-runs').getByRole('row').filter({ hasText: app });
    await expect(runRow.getByTestId('score-pill')).toHaveCount(2);
    await runRow.getByRole('link', { name: 'Report' }).click();
    await expect(page.getByTestId('canary-report')).toBeVisible();
  });

  test('a foresail-v1 analysis shows each metric\'s evidence chart and says it stopped early', async ({ page, adminApi, world }) => {
    test.setTimeout(120_000);
    const app = uniqueName('canary-seq');
    await createApplicationViaApi(adminApi, app, { permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: ['developers'] } });
    // Three 10 s intervals that ended already; the canary's errors per second are four times the baseline's.
    const start = Math.floor((Date.now() - 35_000) / 1000) * 1000;
    const counts = (name: string, version: string, mean: number, seed: number) => {
      const s = latencySeries({ name, labels: { run, version }, start, stepMs: 1000, count: 40, mean, jitter: 0.3, seed });
      return { ...s, samples: s.samples.map(([t, v]) => [t, Math.round(v)] as [number, number]) };
    };
    await pushSeries(world.prometheus.url, [
      counts('e2e_seq_requests', 'baseline', 100, 11),
      counts('e2e_seq_requests', 'canary', 100, 12),
      counts('e2e_seq_errors', 'baseline', 2, 13),
      counts('e2e_seq_errors', 'canary', 8, 14),
    ]);
    const count = (name: string, series: string, canary: Record<string, unknown>) => ({
      name,
      groups: ['service'],
      query: { type: 'prometheus', customInlineTemplate: `PromQL:sum(${series}{run="${run}",version="\${scope}"})` },
      analysisConfigurations: { canary: { direction: 'increase', ...canary } },
    });
    const stageConfig = {
      name: 'sequential',
      judge: { name: 'foresail-v1', judgeConfigurations: {} },
      metrics: [count('errors', 'e2e_seq_errors', { critical: true, foresail: { kind: 'count', exposure: 'requests' } }), count('requests', 'e2e_seq_requests', { muted: true, foresail: { kind: 'count' } })],
      classifier: { groupWeights: { service: 100 } },
    };
    const pipeline = await createPipelineViaApi(adminApi, app, {
      name: 'canary',
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
            scopes: [{ controlScope: 'baseline', experimentScope: 'canary', startTimeIso: new Date(start).toISOString(), step: 1 }],
            canaryConfig: stageConfig,
          },
        },
      ],
    });
    const started = await adminApi.post(`/api/v1/applications/${app}/pipelines/${pipeline.id}/executions`, { data: {} });
    expect(started.status(), await started.text()).toBe(202);
    const { id: executionId } = (await started.json()) as { id: string };

    await page.goto(`/applications/${app}/executions/${executionId}`);
    await expect(page.locator('html[data-execution-ready]')).toBeAttached();
    await page.getByRole('group', { name: /^Stage graph/ }).getByRole('button', { name: /^Canary analysis,/ }).click();
    await page.getByTestId('canary-stage-tab').getByRole('link', { name: 'Open the canary report' }).click();
    const report = page.getByTestId('canary-report');
    await expect(report.getByTestId('stopped-early')).toContainText('Stopped early at interval 1 of 3', { timeout: 30_000 });
    await expect(report.getByTestId('interval-score')).toHaveCount(1);
    await expect(report.getByText('pending')).toHaveCount(0);
    await expect(report.getByTestId('metric-row').first()).toHaveAttribute('data-metric', 'errors');
    const evidence = report.getByTestId('evidence-chart');
    await expect(evidence).toContainText("Canary's share of events vs its share of exposure");
    await expect(evidence.getByTestId('evidence-point')).toHaveCount(1);
    await expect(evidence.getByRole('img')).toHaveAttribute('aria-label', /against the threshold 20/);
    await expect(report.getByTestId('evidence-effect')).toContainText('rate ratio canary ÷ baseline');
    await expect(report.getByTestId('evidence-effect')).toContainText('confidence sequence');
    await expect(report.getByTestId('metric-reason')).toContainText('classified as High (Critical) at interval 1');
    await report.getByTestId('metric-detail').screenshot({ path: path.join(screenshots, 'canary-report-sequential.png') });
  });

  test('the metric dialog previews a query for one scope', async ({ page, adminApi, world }) => {
    const app = uniqueName('canary-preview');
    await createApplicationViaApi(adminApi, app, { permissions: { READ: ['developers'], WRITE: ['developers'], EXECUTE: [] } });
    const now = Math.floor(Date.now() / 1000) * 1000;
    await pushSeries(world.prometheus.url, [latencySeries({ name: 'e2e_preview_seconds', labels: { run, version: 'canary' }, start: now - 10 * 60_000, stepMs: 10_000, count: 60, mean: 0.3, jitter: 0.05, seed: 9 })]);
    await page.goto(`/applications/${app}/canary-configs/new`);
    await page.getByRole('button', { name: 'Add metric', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add metric' });
    await dialog.getByLabel('PromQL template').fill(`e2e_preview_seconds{run="${run}",version="\${scope}"}`);
    const preview = dialog.getByTestId('metric-preview');
    await preview.getByLabel(/^Scope/).fill('canary');
    await preview.getByRole('button', { name: 'Preview' }).click();
    const result = preview.getByTestId('metric-preview-result');
    await expect(result).toContainText(`e2e_preview_seconds{run="${run}",version="canary"}`);
    await expect(result).toContainText('1 series');
    await expect(result.locator('.recharts-line')).toHaveCount(1);
  });
});
