import type { JudgeSettings } from './classify';
import { sortedMedian } from './descriptive';
import { formatCompared, formatNumber, formatPercent } from './format';
import type { MannWhitneyResult } from './mann-whitney';
import type { MetricSettings } from './metric-config';
import type { TransformSummary } from './types';
import { ZEROIN_TOLERANCE } from './zeroin';

/**
 * Plain-language reasons. Kayenta's own texts ("Missing data for X", "X was classified as High
 * (Critical)") stay as the opening words so existing dashboards still match them; what follows names
 * the numbers that decided, because "why did this pass?" is the question Kayenta users keep asking.
 */

export interface TestFacts {
  metric: MetricSettings;
  judge: JudgeSettings;
  interval: MannWhitneyResult;
  bound: number;
  effect: number;
  canarySorted: Float64Array;
  baselineSorted: Float64Array;
}

export interface Missing {
  canary: TransformSummary | null;
  baseline: TransformSummary | null;
}

function describeEmpty(side: string, summary: TransformSummary): string {
  const dropped = [
    summary.nanRemoved > 0 ? `${summary.nanRemoved} NaN removed` : '',
    summary.outliersRemoved > 0 ? `${summary.outliersRemoved} outliers removed` : '',
  ].filter(Boolean);
  return `the ${side} has no values (${summary.received} received${dropped.length > 0 ? `, ${dropped.join(', ')}` : ''})`;
}

function emptySides(missing: Missing): string {
  const parts: string[] = [];
  if (missing.canary) parts.push(describeEmpty('canary', missing.canary));
  if (missing.baseline) parts.push(describeEmpty('baseline', missing.baseline));
  return parts.join(' and ');
}

export function missingData(metric: MetricSettings, missing: Missing): string {
  const base = `Missing data for ${metric.name}: ${emptySides(missing)}`;
  if (metric.mustHaveData && !metric.critical) return `${base}; the metric must have data, so it counts as a failure in its groups`;
  if (metric.critical) return `${base}; the metric is critical, so missing data fails the canary`;
  return `${base}; it is left out of the group scores`;
}

export function emptyWithReplace(metric: MetricSettings, missing: Missing): string {
  return `${metric.name} passed: ${emptySides(missing)}, and with NaN strategy "replace" missing data does not fail a metric`;
}

export function identical(count: number): string {
  return `The Canary and Baseline data are identical (${count} values each after the transforms)`;
}

export function singleValue(value: number): string {
  return `Canary and baseline hold only the value ${formatNumber(value)}, so there is nothing to compare`;
}

export function failed(detail: string): string {
  return `Metric Classification Failed: ${detail}`;
}

const measureName = (facts: TestFacts): string => (facts.metric.effectSize.measure === 'cles' ? 'CLES' : 'mean ratio');

function medians(facts: TestFacts): string {
  return `canary median ${formatNumber(sortedMedian(facts.canarySorted))} vs baseline median ${formatNumber(sortedMedian(facts.baselineSorted))}`;
}

/** The interval, each limit printed precisely enough to be told apart from the bound it is compared with. */
function limits(facts: TestFacts): { lower: string; upper: string; above: string; below: string; interval: string } {
  const [lower, above] = formatCompared(facts.interval.lower, facts.bound);
  const [upper, below] = formatCompared(facts.interval.upper, -facts.bound);
  const interval = `the ${formatPercent(facts.judge.confidenceLevel)} confidence interval of the shift [${lower}, ${upper}]`;
  return { lower, upper, above, below, interval };
}

function boundText(facts: TestFacts): string {
  const text = `${formatPercent(facts.judge.tolerance)} of |estimate ${formatNumber(facts.interval.estimate)}|`;
  // Kayenta's root finder stops at an absolute 1e-4, whatever the scale of the data.
  return facts.bound > 0 && facts.bound < ZEROIN_TOLERANCE
    ? `${text}; note the interval is only resolved to about ${ZEROIN_TOLERANCE}, coarse for values this small`
    : text;
}

/** Reason for a High or Low verdict, with the critical escalation spelled out for critical metrics. */
export function shifted(label: 'High' | 'Low', facts: TestFacts, critical: boolean): string {
  const high = label === 'High';
  const l = limits(facts);
  const thresholds = facts.metric.effectSize;
  const allowed = high ? thresholds.allowedIncrease : thresholds.allowedDecrease;
  const effect = Number.isNaN(facts.effect)
    ? `the ${measureName(facts)} is undefined (a zero mean), so the interval alone decides`
    : `the ${measureName(facts)} ${formatNumber(facts.effect)} is ${high ? 'at or above the allowed increase' : 'at or below the allowed decrease'} ${formatNumber(allowed)}`;
  let text =
    `${facts.metric.name} was classified as ${label}${critical ? ' (Critical)' : ''}: ${medians(facts)}; ` +
    `${l.interval} lies entirely ${high ? `above +${l.above}` : `below ${l.below}`} (${boundText(facts)}), and ${effect}`;
  if (facts.metric.critical) {
    const criticalAt = high ? thresholds.criticalIncrease : thresholds.criticalDecrease;
    text += critical
      ? '; the metric is critical, so this fails the canary'
      : `; the metric is critical, but the ${measureName(facts)} ${formatNumber(facts.effect)} does not reach the critical ${high ? 'increase' : 'decrease'} ${formatNumber(criticalAt)}, so it does not fail the canary by itself`;
  }
  return text;
}

/** Reason for a Pass from the test: which of the High/Low conditions was not met. */
export function passed(facts: TestFacts): string {
  const { metric } = facts;
  const l = limits(facts);
  const head = `${metric.name} passed: ${medians(facts)}; ${l.interval}`;
  const effect = formatNumber(facts.effect);
  if (facts.interval.lower > facts.bound) {
    if (metric.direction === 'decrease') return `${head} lies above +${l.above} (${boundText(facts)}): the canary is higher, but only a decrease fails this metric`;
    return `${head} lies above +${l.above} (${boundText(facts)}), but the ${measureName(facts)} ${effect} is below the allowed increase ${formatNumber(metric.effectSize.allowedIncrease)}, so the increase is too small to count`;
  }
  if (facts.interval.upper < -facts.bound) {
    if (metric.direction === 'increase') return `${head} lies below ${l.below} (${boundText(facts)}): the canary is lower, but only an increase fails this metric`;
    return `${head} lies below ${l.below} (${boundText(facts)}), but the ${measureName(facts)} ${effect} is above the allowed decrease ${formatNumber(metric.effectSize.allowedDecrease)}, so the decrease is too small to count`;
  }
  const where =
    metric.direction === 'increase'
      ? `does not lie entirely above +${l.above}`
      : metric.direction === 'decrease'
        ? `does not lie entirely below ${l.below}`
        : `lies neither entirely above +${l.above} nor entirely below ${l.below}`;
  return `${head} ${where} (${boundText(facts)}), so there is no significant difference beyond the ${formatPercent(facts.judge.tolerance)} tolerance`;
}
