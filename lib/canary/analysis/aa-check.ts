import type { CanaryConfig, JudgeInput, MetricSetPair } from '../stats';
import type { AaCheckRequest, AaCheckResult } from './aa-check-api';
import { runAnalysis, type IntervalData } from './run-intervals';

/** One metric's series over the whole period, fetched once; every run slices it. */
export interface PeriodSeries {
  id: string;
  name: string;
  tags: Record<string, string>;
  points: [number, number][];
}

function slice(series: readonly PeriodSeries[], canary: { from: number; to: number }, baseline: { from: number; to: number }): MetricSetPair[] {
  const pick = (points: [number, number][], w: { from: number; to: number }) => points.filter(([t]) => t > w.from && t <= w.to).map(([, v]) => v);
  return series.map((s) => ({ id: s.id, name: s.name, tags: s.tags, values: { control: pick(s.points, baseline), experiment: pick(s.points, canary) } }));
}

/**
 * Runs the analysis (either judge, the stage's decision rules) for each pair of adjacent windows:
 * canary = [s, s + lifetime], baseline = the same shifted earlier by the offset, s stepping by the
 * lifetime through the period. Pure: the caller fetched the series.
 */
export function runAaCheck(config: CanaryConfig, request: Pick<AaCheckRequest, 'start' | 'end' | 'lifetimeMinutes' | 'intervalMinutes' | 'offsetMinutes'>, thresholds: JudgeInput['thresholds'], series: readonly PeriodSeries[]): AaCheckResult {
  const lifetime = request.lifetimeMinutes * 60_000;
  const interval = request.intervalMinutes * 60_000;
  const offset = (request.offsetMinutes ?? request.lifetimeMinutes) * 60_000;
  const count = Math.floor(lifetime / interval);
  const first = Date.parse(request.start) + offset;
  const total = Math.floor((Date.parse(request.end) - first) / lifetime);
  const runs: AaCheckResult['runs'] = [];
  const perMetric: Record<string, number> = {};
  let judgeName = '';
  for (let k = 0; k < total; k++) {
    const s = first + k * lifetime;
    const intervals: IntervalData[] = Array.from({ length: count }, (_, i) => ({
      window: slice(series, { from: s - 1, to: s + (i + 1) * interval }, { from: s - offset - 1, to: s - offset + (i + 1) * interval }),
      segment: slice(series, { from: i === 0 ? s - 1 : s + i * interval, to: s + (i + 1) * interval }, { from: i === 0 ? s - offset - 1 : s - offset + i * interval, to: s - offset + (i + 1) * interval }),
    }));
    const outcome = runAnalysis(config, thresholds, intervals, { confidenceSequences: false });
    judgeName = outcome.last.judgeName;
    const failedMetrics = outcome.passed ? [] : [...new Set(outcome.last.results.filter((r) => !r.muted && r.classification !== 'Pass').map((r) => r.name))];
    for (const name of failedMetrics) perMetric[name] = (perMetric[name] ?? 0) + 1;
    runs.push({ canaryStartMs: s, baselineStartMs: s - offset, passed: outcome.passed, decidedAt: outcome.decidedAt, stoppedEarly: outcome.stoppedEarly, failedMetrics });
  }
  const failed = runs.filter((r) => !r.passed).length;
  return { judgeName, runs, failed, total: runs.length, rate: runs.length > 0 ? failed / runs.length : 0, perMetric, intervalsPerRun: count };
}
