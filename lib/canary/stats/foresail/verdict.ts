import { formatNumber } from '../format';
import type { MetricSettings } from '../metric-config';
import type { MetricClassification, SequentialEvidence } from '../types';
import { combinedLogE, type KindEvaluation } from './evaluation';
import type { NoDataPolicy } from './settings';
import type { MetricState } from './state';

/** ln values beyond this are reported as this (doubles hold e-values up to e^709). */
const LOG_CAP = 1e6;
const toLog10 = (ln: number) => Math.max(-LOG_CAP, Math.min(LOG_CAP, ln / Math.LN10));

export interface Verdict {
  classification: MetricClassification;
  reason: string;
  critical: boolean;
  failed: MetricState['failed'];
  maxLogE: number;
  /** A no-data result that policy "marginal" turns into a cap on the score. */
  capsScore: boolean;
  /** A no-data result that policy "ignore" leaves out of every score. */
  ignored: boolean;
  evidence: SequentialEvidence;
}

export function formatEValue(log10: number): string {
  if (log10 >= 6) return `10^${log10.toFixed(1)}`;
  if (log10 <= -6) return `10^${log10.toFixed(1)}`;
  return formatNumber(10 ** log10, 3);
}

function effectText(effect: SequentialEvidence['effect']): string {
  if (!effect || effect.estimate === null) return '';
  const band = effect.lower !== null || effect.upper !== null ? ` (confidence sequence ${formatNumber(effect.lower)} to ${effect.upper === null ? '∞' : formatNumber(effect.upper)})` : '';
  return `; ${effect.label} ${formatNumber(effect.estimate)}${band}`;
}

function noDataText(policy: NoDataPolicy, critical: boolean): string {
  if (policy === 'ignore') return 'its no-data policy is "ignore", so it is left out of the score';
  if (policy === 'marginal') return 'its no-data policy is "marginal", so the canary can at best be Marginal';
  return critical ? 'it is critical and its no-data policy is "fail", so the canary fails' : 'its no-data policy is "fail", so it counts as a failure in its groups';
}

/**
 * Turns a metric's evidence into its verdict. A metric fails when its combined e-value reaches
 * M/α (Bonferroni over the M metrics tested; Ville over the intervals) and, for histograms, some
 * quantile moved by more than the allowed change; once failed it stays failed (the rejection was
 * valid when it happened). A failed critical metric escalates when the critical boundary's test
 * also crosses.
 */
export function decide(input: {
  metric: MetricSettings;
  policy: NoDataPolicy;
  evaluation: KindEvaluation;
  previous: Pick<MetricState, 'failed' | 'maxLogE'> | undefined;
  look: number;
  logThreshold: number;
  alpha: number;
  tested: number;
  test: SequentialEvidence['test'];
}): Verdict {
  const { metric, evaluation: ev, look, logThreshold } = input;
  const combined = ev.components.length > 0 ? combinedLogE(ev.components, (c) => c.logE) : 0;
  const maxLogE = Math.max(input.previous?.maxLogE ?? 0, Math.min(combined, LOG_CAP));
  let failed = input.previous?.failed ?? null;
  let gated = false;
  if (!failed && combined >= logThreshold) {
    const strongest = ev.components.reduce((a, b) => (Math.log(b.weight) + b.logE > Math.log(a.weight) + a.logE ? b : a));
    if (!ev.gate || ev.gate(strongest.label, 'allowed')) failed = { label: strongest.label, critical: false, look, test: strongest.name };
    else gated = true;
  }
  if (failed && metric.critical && !failed.critical) {
    const label = failed.label;
    const same = ev.components.filter((c) => c.label === label);
    const critical = same.length > 0 && combinedLogE(same, (c) => c.criticalLogE) >= logThreshold && (!ev.gate || ev.gate(label, 'critical'));
    if (critical) failed = { ...failed, critical: true };
  }
  const evidence: SequentialEvidence = {
    test: input.test,
    description: ev.description,
    look,
    log10E: toLog10(combined),
    log10Threshold: toLog10(logThreshold),
    pValue: Math.min(1, Math.exp(-maxLogE)),
    failedAt: failed?.look ?? null,
    components: ev.components.map((c) => ({ name: c.name, log10E: toLog10(c.logE) })),
    effect: ev.effect,
    ...(ev.quantiles ? { quantiles: ev.quantiles } : {}),
    amount: ev.amount,
  };
  const eText = `e-value ${formatEValue(evidence.log10E)} against the threshold ${formatEValue(evidence.log10Threshold)} (α ${input.alpha} shared by ${input.tested} metric${input.tested === 1 ? '' : 's'})`;
  const base = { failed, maxLogE, evidence, capsScore: false, ignored: false };
  if (failed) {
    const critical = failed.critical;
    const when = failed.look === look ? `at interval ${look}` : `since interval ${failed.look}`;
    return { ...base, classification: failed.label, critical, reason: `${metric.name} was classified as ${failed.label}${critical ? ' (Critical)' : ''} ${when}: ${failed.test}, ${eText}${effectText(ev.effect)}` };
  }
  if (!ev.hasData) {
    const failMetric = input.policy === 'fail' && !metric.critical;
    const classification = failMetric ? 'NodataFailMetric' : 'Nodata';
    return {
      ...base,
      classification,
      critical: input.policy === 'fail' && metric.critical,
      capsScore: input.policy === 'marginal',
      ignored: input.policy === 'ignore',
      reason: `Missing data for ${metric.name}: ${ev.missing ?? 'no data'}; ${noDataText(input.policy, metric.critical)}`,
    };
  }
  const within = gated ? '; the distributions differ, but no quantile moved by more than the allowed change' : '';
  return { ...base, classification: 'Pass', critical: false, reason: `${metric.name} passed: ${eText}, anytime-valid p = ${formatNumber(evidence.pValue, 3)}${effectText(ev.effect)}${within}` };
}
