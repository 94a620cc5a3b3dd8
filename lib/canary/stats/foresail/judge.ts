import { describe } from '../descriptive';
import type { JudgeInput, MetricSetPair } from '../input';
import { resolveMetricSettings, type MetricSettings } from '../metric-config';
import { classifyScore, groupScores, summaryScore } from '../score';
import { transformSample, type TransformedSample } from '../transforms';
import type { JudgeResult, MetricResult, SideEvidence } from '../types';
import { evaluateCount } from './count-metric';
import type { KindEvaluation } from './evaluation';
import { evaluateGauge } from './gauge-metric';
import { parseBound } from './histogram';
import { evaluateHistogram } from './histogram-metric';
import { FORESAIL_JUDGE, resolveAlpha, resolveForesailSettings } from './settings';
import type { ForesailState, MetricState } from './state';
import { groupUnits } from './units';
import { decide } from './verdict';

export interface ForesailOptions {
  /** The state the previous interval returned; absent for the first interval. */
  state?: ForesailState | undefined;
  /** Pairs whose data never arrived (query failed, no series), with the reason: no data this interval. */
  missing?: ReadonlyMap<string, string>;
  /** The canary's share of traffic between canary and baseline, for count metrics without an exposure metric (default ½: equal sizes). */
  canaryTrafficShare?: number | undefined;
  /** Confidence sequences for the report (the decisions do not depend on them; the benchmark skips them). */
  confidenceSequences?: boolean;
}

const noTransforms = (received: number) => ({ received, nanStrategy: 'remove' as const, nanRemoved: 0, nanReplaced: 0, outlierStrategy: 'keep' as const, outlierFactor: 3, outliersRemoved: 0, fences: null });
const countSide = (count: number): SideEvidence => ({ stats: { count, mean: null, median: null, min: null, max: null, std: null }, transforms: noTransforms(count) });
const sideOf = (t: TransformedSample): SideEvidence => ({ stats: describe(t.values, t.sorted), transforms: t.summary });

function sumValues(values: readonly number[], replaceNaN: boolean): { sum: number; points: number } {
  let sum = 0;
  let points = 0;
  for (const v of values) {
    if (Number.isNaN(v)) {
      if (replaceNaN) points++;
      continue;
    }
    sum += Math.max(0, v);
    points++;
  }
  return { sum, points };
}

/**
 * Foresail's sequential judge (foresail-v1) for one interval: each metric's evidence so far is
 * updated with this interval's data (the points since the previous interval, never again the old
 * ones), classified, then scored with Kayenta's groups, weights, critical rule and thresholds.
 *
 * Guarantee: if canary and baseline do not differ, the probability that any metric is ever
 * classified High or Low, at any interval of the analysis, is at most α (default 0.05;
 * `judge.judgeConfigurations.alpha`): each metric's e-value is compared with M/α, M the number of
 * metrics tested (Bonferroni over metrics, valid under any dependence between them), and each is a
 * test supermartingale over intervals (Ville's inequality). Exact for counts and histograms (given
 * the Poisson model), approximate for gauges (estimated autocorrelation); the benchmark measures both.
 */
export function judgeForesail(input: JudgeInput, options: ForesailOptions = {}): JudgeResult {
  const previous = options.state;
  const alpha = previous?.alpha ?? resolveAlpha(input.config);
  const look = (previous?.looks ?? 0) + 1;
  const units = groupUnits(input.config, input.metricSetPairs, Object.keys(previous?.metrics ?? {}));
  const settings = new Map(units.map((u) => [u.key, resolveMetricSettings(u.metric)]));
  const countedNow = units.filter((u) => {
    const s = settings.get(u.key) as MetricSettings;
    return !s.muted && resolveForesailSettings(u.metric, s).noData !== 'ignore';
  }).length;
  const tested = Math.max(previous?.tested ?? 0, countedNow, 1);
  const logThreshold = Math.log(tested / alpha);
  const missing = options.missing ?? new Map<string, string>();
  const metrics: Record<string, MetricState> = { ...(previous?.metrics ?? {}) };
  const results: (MetricResult & { capsScore: boolean; ignored: boolean })[] = [];

  for (const unit of units) {
    const metric = settings.get(unit.key) as MetricSettings;
    const own = resolveForesailSettings(unit.metric, metric);
    const prior = metrics[unit.key];
    const lost = unit.pairs.map((p) => (p.id ? missing.get(p.id) : undefined)).find((r) => r !== undefined) ?? (unit.pairs.length === 0 ? `no series for ${unit.metric.name} in this interval` : undefined);
    const replace = metric.nanStrategy === 'replace';
    let evaluation: KindEvaluation;
    let next: MetricState;
    let sides: { control: SideEvidence; experiment: SideEvidence };
    const common = { looks: look, maxLogE: prior?.maxLogE ?? 0, failed: prior?.failed ?? null };
    if (unit.kind === 'count') {
      const events = (pairs: readonly MetricSetPair[], side: 'control' | 'experiment') => sumValues(pairs.flatMap((p) => p.values[side]), replace);
      const canary = events(unit.pairs, 'experiment');
      const baseline = events(unit.pairs, 'control');
      const exposure = exposureShare(input.metricSetPairs, own.exposure, unit.tags, options.canaryTrafficShare);
      const emptySide = !replace && (canary.points === 0 || baseline.points === 0) ? `${unit.metric.name} has no points on the ${canary.points === 0 ? 'canary' : 'baseline'} side` : undefined;
      const done = evaluateCount(metric, prior?.count ?? [], { canaryEvents: canary.sum, baselineEvents: baseline.sum, canaryShare: exposure.share, ...(lost ?? emptySide ?? exposure.missing ? { missing: (lost ?? emptySide ?? exposure.missing) as string } : {}) }, logThreshold, options.confidenceSequences !== false);
      evaluation = done.evaluation;
      next = { kind: 'count', ...common, count: done.intervals };
      sides = { control: countSide(baseline.sum), experiment: countSide(canary.sum) };
    } else if (unit.kind === 'histogram') {
      const totals = (side: 'control' | 'experiment') => {
        const map = new Map<number, number>();
        for (const pair of unit.pairs) {
          const bound = parseBound(pair.tags.le ?? '');
          if (!Number.isNaN(bound)) map.set(bound, (map.get(bound) ?? 0) + sumValues(pair.values[side], true).sum);
        }
        return map;
      };
      const done = evaluateHistogram(metric, prior?.histogram, { canary: totals('experiment'), baseline: totals('control'), ...(lost ? { missing: lost } : {}) }, logThreshold, options.confidenceSequences !== false);
      evaluation = done.evaluation;
      next = { kind: 'histogram', ...common, ...(done.state ? { histogram: done.state } : {}) };
      sides = { control: countSide(evaluation.amount.baseline), experiment: countSide(evaluation.amount.canary) };
    } else {
      const transform = { nanStrategy: metric.nanStrategy, outlierStrategy: 'keep' as const, outlierFactor: metric.outlierFactor };
      const canary = transformSample(lost ? [] : unit.pairs.flatMap((p) => p.values.experiment), transform);
      const baseline = transformSample(lost ? [] : unit.pairs.flatMap((p) => p.values.control), transform);
      const done = evaluateGauge(metric, prior?.gauge, canary.values, baseline.values, logThreshold, { canary: canary.sorted, baseline: baseline.sorted });
      evaluation = lost ? { ...done.evaluation, hasData: false, missing: lost } : done.evaluation;
      next = { kind: 'gauge', ...common, gauge: done.state };
      sides = { control: sideOf(baseline), experiment: sideOf(canary) };
    }
    const verdict = decide({ metric, policy: own.noData, evaluation, previous: prior, look, logThreshold, alpha, tested, test: unit.kind === 'count' ? 'share' : unit.kind });
    metrics[unit.key] = { ...next, maxLogE: verdict.maxLogE, failed: verdict.failed };
    results.push({
      id: unit.pairs[0]?.id ?? null,
      name: unit.metric.name,
      tags: unit.tags,
      groups: metric.groups,
      muted: metric.muted,
      direction: metric.direction,
      classification: verdict.classification,
      classificationReason: verdict.reason,
      critical: verdict.critical,
      criticalMetric: metric.critical,
      mustHaveData: metric.mustHaveData,
      deviation: evaluation.deviation !== null && Number.isFinite(evaluation.deviation) ? evaluation.deviation : null,
      confidenceInterval: null,
      estimate: null,
      bound: null,
      tolerance: 0,
      effectSize: { ...metric.effectSize, value: evaluation.deviation !== null && Number.isFinite(evaluation.deviation) ? evaluation.deviation : null },
      noiseAdded: false,
      ...sides,
      sequential: verdict.evidence,
      capsScore: verdict.capsScore,
      ignored: verdict.ignored,
    });
  }
  return score(input, results, { look, alpha, tested, logThreshold, state: { judge: FORESAIL_JUDGE, looks: look, alpha, tested, metrics } });
}

/**
 * The canary's share of exposure for a count metric: from the named exposure metric's series with
 * the same labels (else all of its series summed), else the traffic split given, else ½.
 */
function exposureShare(pairs: readonly MetricSetPair[], exposure: string | undefined, tags: Record<string, string>, traffic: number | undefined): { share: number | null; missing?: string } {
  if (!exposure) return { share: traffic ?? 0.5 };
  const all = pairs.filter((p) => p.name === exposure);
  const same = all.filter((p) => JSON.stringify(p.tags) === JSON.stringify(tags));
  const chosen = same.length > 0 ? same : all;
  const total = (side: 'control' | 'experiment') => chosen.reduce((s, p) => s + sumValues(p.values[side], false).sum, 0);
  const canary = total('experiment');
  const baseline = total('control');
  if (!(canary > 0) || !(baseline > 0)) return { share: null, missing: `its exposure metric ${exposure} counted no ${canary > 0 ? 'baseline' : 'canary'} requests in this interval` };
  return { share: canary / (canary + baseline) };
}

function score(input: JudgeInput, all: (MetricResult & { capsScore: boolean; ignored: boolean })[], run: { look: number; alpha: number; tested: number; logThreshold: number; state: ForesailState }): JudgeResult {
  const results: MetricResult[] = all.map(({ capsScore: _c, ignored: _i, ...r }) => r);
  const scored = all.filter((r) => !r.ignored && !r.muted);
  const groups = groupScores(scored, input.config.classifier?.groupWeights ?? {});
  const thresholds = { pass: input.thresholds.pass, marginal: input.thresholds.marginal };
  let summary = summaryScore(scored, groups, thresholds);
  const capping = scored.filter((r) => r.capsScore);
  if (capping.length > 0 && summary.classification === 'Pass') {
    // No data is never a pass: the score is held between marginal and pass, so a person (or the final interval) decides.
    const capped = Math.min(summary.score, (thresholds.pass + thresholds.marginal) / 2);
    summary = { score: capped, classification: classifyScore(capped, thresholds), classificationReason: `Score capped at ${capped} (at best Marginal): no data for ${capping.map((r) => r.name).join(', ')}` };
  }
  return {
    judgeName: FORESAIL_JUDGE,
    score: summary,
    groupScores: groups,
    results,
    thresholds,
    settings: { confidenceLevel: 1 - run.alpha, tolerance: 0 },
    sequential: { look: run.look, alpha: run.alpha, metricsTested: run.tested, log10Threshold: run.logThreshold / Math.LN10, stop: summary.score <= thresholds.marginal, state: run.state },
  };
}
