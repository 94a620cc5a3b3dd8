import { formatNumber } from './format';
import { metricClassifications, type GroupScore, type MetricClassification, type ScoreClassification, type SummaryScore } from './types';

/** What scoring needs from each metric result. */
export interface Scorable {
  classification: MetricClassification;
  classificationReason: string;
  critical: boolean;
  groups: readonly string[];
  muted: boolean;
}

export interface ScoreThresholds {
  pass: number;
  marginal: number;
}

/**
 * Half-up rounding of the double's shortest decimal form, which is what Kayenta's
 * `BigDecimal(score).setScale(2, HALF_UP)` does: 66.665 (stored as 66.66499…) rounds to 66.67, where
 * `Math.round(x·100)/100` would give 66.66.
 */
export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  // |x| = 0.D × 10^(E+1) with D the shortest significant digits.
  const [mantissa = '0', exponent = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  // How many leading digits of D sit at or above the last kept decimal place.
  const keep = Number(exponent) + 1 + decimals;
  if (keep >= digits.length) return x;
  if (keep < 0) return 0;
  const head = keep > 0 ? BigInt(digits.slice(0, keep)) : 0n;
  const roundUp = digits.charCodeAt(keep) - 48 >= 5;
  const rounded = Number(`${head + (roundUp ? 1n : 0n)}e-${decimals}`);
  return x < 0 ? -rounded : rounded;
}

function emptyCounts(): Record<MetricClassification, number> {
  return Object.fromEntries(metricClassifications.map((c) => [c, 0])) as Record<MetricClassification, number>;
}

/**
 * Per-group scores over the unmuted results (reference §1.7): 100·Pass/(Pass + High + Low +
 * NodataFailMetric). Nodata and Error do not count either way; a group with nothing countable is
 * `noData`. Groups appear in the order their first metric does.
 */
export function groupScores(results: readonly Scorable[], groupWeights: Readonly<Record<string, number>>): GroupScore[] {
  const counts = new Map<string, Record<MetricClassification, number>>();
  for (const result of results) {
    for (const group of result.groups) {
      const c = counts.get(group) ?? emptyCounts();
      c[result.classification]++;
      counts.set(group, c);
    }
  }
  const configured = Object.keys(groupWeights);
  const unweighted = [...counts.keys()].filter((g) => !(g in groupWeights));
  const configuredSum = configured.reduce((sum, g) => sum + (groupWeights[g] ?? 0), 0);
  // Groups without a configured weight share what is left of 100 equally.
  const sharedWeight = unweighted.length > 0 ? (100 - configuredSum) / unweighted.length : 0;
  return [...counts.entries()].map(([name, c]) => {
    const total = c.Pass + c.High + c.Low + c.NodataFailMetric;
    return {
      name,
      score: total === 0 ? 0 : (c.Pass / total) * 100,
      noData: total === 0,
      weight: groupWeights[name] ?? sharedWeight,
      counts: c,
      classification: '',
      classificationReason: '',
    };
  });
}

export function classifyScore(score: number, thresholds: ScoreThresholds): ScoreClassification {
  if (score >= thresholds.pass) return 'Pass';
  if (score >= thresholds.marginal) return 'Marginal';
  return 'Fail';
}

function thresholdText(score: number, classification: ScoreClassification, thresholds: ScoreThresholds): string {
  if (classification === 'Pass') return `at or above the pass threshold ${formatNumber(thresholds.pass)}`;
  if (classification === 'Marginal') return `below the pass threshold ${formatNumber(thresholds.pass)} but at or above the marginal threshold ${formatNumber(thresholds.marginal)}`;
  return `below the marginal threshold ${formatNumber(thresholds.marginal)}`;
}

/**
 * The run's summary (reference §1.7): a critical failure or ≥ 50 % Nodata forces 0; otherwise the
 * weighted sum of group scores (a no-data group counts as 100), rounded half-up to 2 decimals.
 */
export function summaryScore(all: readonly Scorable[], groups: readonly GroupScore[], thresholds: ScoreThresholds): SummaryScore {
  const results = all.filter((r) => !r.muted);
  const finish = (score: number, reason: string): SummaryScore => {
    const classification = classifyScore(score, thresholds);
    return { score, classification, classificationReason: reason || `Score ${formatNumber(score)} is ${thresholdText(score, classification, thresholds)}` };
  };
  if (results.length === 0) return finish(0, 'No unmuted metric results to score');
  const criticalFailure = results.find((r) => r.critical && r.classification !== 'Pass');
  if (criticalFailure) return finish(0, `Canary Failed: ${criticalFailure.classificationReason}`);
  const nodata = results.filter((r) => r.classification === 'Nodata').length;
  if ((nodata / results.length) * 100 >= 50) {
    return finish(0, `Canary Failed: 50% or more metrics returned NODATA (${nodata} of ${results.length})`);
  }
  let sum = 0;
  for (const g of groups) sum += (g.noData ? 100 : g.score) * (g.weight / 100);
  const score = roundHalfUp(sum, 2);
  const parts = groups.map((g) => `${g.name} ${g.noData ? 'no data (counts as 100)' : formatNumber(g.score)} × ${formatNumber(g.weight)}%`);
  const classification = classifyScore(score, thresholds);
  return finish(score, `Score ${formatNumber(score)} is ${thresholdText(score, classification, thresholds)} (${parts.join(', ') || 'no groups'})`);
}
