import type { PromSeries } from './response';

/** A control/experiment pairing of one metric's series (Kayenta's MetricSetPair before judging). */
export interface SeriesPair {
  tags: Record<string, string>;
  control: PromSeries['points'];
  experiment: PromSeries['points'];
  /** Why this pair has no data on a side, when Prometheus returned nothing for it. */
  missing?: string;
}

export interface LabelMismatch {
  kind: 'labelMismatch';
  metric: string;
  message: string;
  control: Record<string, string>[];
  experiment: Record<string, string>[];
}

const keyOf = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const show = (labels: Record<string, string>) => `{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;

function commonLabels(a: Record<string, string>, b: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(a).filter(([k, v]) => b[k] === v));
}

/**
 * Pairs control and experiment series by identical label sets, as Kayenta's MetricSetMixer does.
 * Series left over on both sides are a label mismatch (kayenta#738: a label such as the pod or
 * deployment name differs between baseline and canary), reported with both label sets. When exactly
 * one series is left on each side they are still compared (on their common labels) instead of being
 * split into two half-empty results the way Kayenta does; otherwise each leftover is judged alone.
 */
export function pairSeries(metric: string, control: PromSeries[], experiment: PromSeries[]): { pairs: SeriesPair[]; warning?: LabelMismatch } {
  if (control.length === 0 && experiment.length === 0) {
    return { pairs: [{ tags: {}, control: [], experiment: [], missing: 'Prometheus returned no data for the baseline or the canary' }] };
  }
  const byKey = new Map(experiment.map((s) => [keyOf(s.labels), s]));
  const pairs: SeriesPair[] = [];
  const leftControl: PromSeries[] = [];
  for (const c of control) {
    const e = byKey.get(keyOf(c.labels));
    if (e) {
      byKey.delete(keyOf(c.labels));
      pairs.push({ tags: c.labels, control: c.points, experiment: e.points });
    } else leftControl.push(c);
  }
  const leftExperiment = [...byKey.values()];
  const noCanary = experiment.length === 0;
  const noBaseline = control.length === 0;
  if (noCanary || noBaseline) {
    const side = noCanary ? 'canary (experiment)' : 'baseline (control)';
    for (const c of leftControl) pairs.push({ tags: c.labels, control: c.points, experiment: [], missing: `Prometheus returned no data for the ${side}` });
    for (const e of leftExperiment) pairs.push({ tags: e.labels, control: [], experiment: e.points, missing: `Prometheus returned no data for the ${side}` });
    return { pairs };
  }
  if (leftControl.length === 0 && leftExperiment.length === 0) return { pairs };

  const warning: LabelMismatch = {
    kind: 'labelMismatch',
    metric,
    control: leftControl.map((s) => s.labels),
    experiment: leftExperiment.map((s) => s.labels),
    message: `Baseline and canary series of ${metric} have different labels: baseline ${leftControl.map((s) => show(s.labels)).join(' ') || '(none)'}, canary ${leftExperiment.map((s) => show(s.labels)).join(' ') || '(none)'}. Aggregate the differing label away (e.g. sum by or avg by) so the two sides match.`,
  };
  const [onlyControl] = leftControl;
  const [onlyExperiment] = leftExperiment;
  if (leftControl.length === 1 && leftExperiment.length === 1 && onlyControl && onlyExperiment) {
    pairs.push({ tags: commonLabels(onlyControl.labels, onlyExperiment.labels), control: onlyControl.points, experiment: onlyExperiment.points });
  } else {
    for (const c of leftControl) pairs.push({ tags: c.labels, control: c.points, experiment: [], missing: `No canary series has the labels ${show(c.labels)}` });
    for (const e of leftExperiment) pairs.push({ tags: e.labels, control: [], experiment: e.points, missing: `No baseline series has the labels ${show(e.labels)}` });
  }
  return { pairs, warning };
}
