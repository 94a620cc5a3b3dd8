import type { MetricClassification, ScoreClassification } from '@/lib/canary/stats';

/** Theme-token classes (light and dark read) for a score or a metric verdict; text always rides along. */
export const scoreToneClass: Record<ScoreClassification, string> = {
  Pass: 'border-success/40 bg-success-bg text-success',
  Marginal: 'border-warning/40 bg-warning-bg text-warning',
  Fail: 'border-danger/40 bg-danger-bg text-danger',
};

export const metricToneClass: Record<MetricClassification, string> = {
  Pass: 'border-success/40 bg-success-bg text-success',
  High: 'border-danger/40 bg-danger-bg text-danger',
  Low: 'border-danger/40 bg-danger-bg text-danger',
  NodataFailMetric: 'border-danger/40 bg-danger-bg text-danger',
  Error: 'border-warning/40 bg-warning-bg text-warning',
  Nodata: 'border-line bg-surface-2 text-muted',
};

export const metricLabel: Record<MetricClassification, string> = { Pass: 'Pass', High: 'High', Low: 'Low', NodataFailMetric: 'No data (must have data)', Error: 'Error', Nodata: 'No data' };

/** Chart colours: the baseline in the info tone, the canary in amber (not red/green, which mean verdicts here). */
export const seriesColour = { baseline: 'var(--info)', canary: '#d97706', difference: 'var(--muted)' } as const;
