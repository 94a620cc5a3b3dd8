import type { CanaryConfigInput } from '@/lib/canary/stats/canary-config';
import { FORESAIL_JUDGE, KAYENTA_JUDGE } from '@/lib/canary/stats/foresail/settings';

/**
 * Pure edits of a Kayenta canary config as the editor holds it. Every edit copies and keeps keys the
 * editor does not know (Kayenta stores what it is given), and leaves out values equal to Kayenta's
 * defaults, as Deck does, so saved configs stay comparable with Kayenta's.
 */
export type ConfigDocument = CanaryConfigInput;
type Metric = ConfigDocument['metrics'][number];

export type Direction = 'increase' | 'decrease' | 'either';
export type NanChoice = 'default' | 'replace' | 'remove';
export type OutlierChoice = 'default' | 'keep' | 'remove';
export type KindChoice = 'auto' | 'gauge' | 'count' | 'histogram';
export type NoDataChoice = 'default' | 'fail' | 'marginal' | 'ignore';

/** What the metric dialog edits. Effect sizes are percentages as text ('' = no effect). */
export interface MetricForm {
  name: string;
  group: string;
  promql: string;
  direction: Direction;
  critical: boolean;
  mustHaveData: boolean;
  muted: boolean;
  nanStrategy: NanChoice;
  outlierStrategy: OutlierChoice;
  outlierFactor: string;
  allowedIncrease: string;
  allowedDecrease: string;
  criticalIncrease: string;
  criticalDecrease: string;
  /** foresail-v1 only (`analysisConfigurations.canary.foresail`). */
  kind: KindChoice;
  exposure: string;
  noData: NoDataChoice;
}

export const PROMQL_PREFIX = 'PromQL:';
export const DEFAULT_THRESHOLDS = { pass: 75, marginal: 50 } as const;

/** New configs use foresail-v1: the judgment-quality benchmark shows it is right more often (README, Benchmarks). */
export function newConfig(): ConfigDocument {
  return { name: '', description: '', configVersion: '1', judge: { name: FORESAIL_JUDGE, judgeConfigurations: {} }, metrics: [], classifier: { groupWeights: {} }, templates: {} };
}

export function judgeOf(doc: ConfigDocument): string {
  return doc.judge?.name?.trim() || KAYENTA_JUDGE;
}

/** Switches the judge; each judge's own settings are dropped, since the other judge would not read them. */
export function setJudge(doc: ConfigDocument, name: string): ConfigDocument {
  return { ...doc, judge: { ...doc.judge, name, judgeConfigurations: {} } };
}

/** foresail-v1's canary-level false-fail rate α (`judgeConfigurations.alpha`); empty means 0.05. */
export function setAlpha(doc: ConfigDocument, value: string): ConfigDocument {
  const settings = Object.fromEntries(Object.entries({ ...doc.judge?.judgeConfigurations, alpha: typedNumber(value) }).filter(([, v]) => v !== undefined));
  return { ...doc, judge: { name: FORESAIL_JUDGE, ...doc.judge, judgeConfigurations: settings } };
}

const num = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

/**
 * What an input's text stores: a number once it reads back as the same text, else the text itself
 * ("33." while typing 33.3, which Kayenta's number-as-string tolerance and the schema accept), so a
 * controlled input never swallows the decimal point. Empty is undefined.
 */
export function typedNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) && String(n) === trimmed ? n : trimmed;
}

export function weightsOf(doc: ConfigDocument): Record<string, number> {
  const raw = doc.classifier?.groupWeights ?? {};
  return Object.fromEntries(Object.entries(raw).map(([group, weight]) => [group, num(weight) ?? 0]));
}

/** Groups with a weight, then groups only metrics name, in first-seen order. */
export function groupsOf(doc: ConfigDocument): string[] {
  const groups = new Set(Object.keys(doc.classifier?.groupWeights ?? {}));
  for (const metric of doc.metrics) for (const group of metric.groups ?? []) groups.add(group);
  return [...groups];
}

export function setWeight(doc: ConfigDocument, group: string, weight: number | string): ConfigDocument {
  return { ...doc, classifier: { ...doc.classifier, groupWeights: { ...doc.classifier?.groupWeights, [group]: weight } } };
}

export function addGroup(doc: ConfigDocument, group: string): ConfigDocument {
  const name = group.trim();
  if (!name || groupsOf(doc).includes(name)) return doc;
  return setWeight(doc, name, 0);
}

export function setThreshold(doc: ConfigDocument, key: 'pass' | 'marginal', value: string): ConfigDocument {
  const thresholds = Object.fromEntries(Object.entries({ ...doc.classifier?.scoreThresholds, [key]: typedNumber(value) }).filter(([, v]) => v !== undefined));
  return { ...doc, classifier: { ...doc.classifier, scoreThresholds: thresholds } };
}

export function thresholdsOf(doc: ConfigDocument): { pass: number; marginal: number } {
  const t = doc.classifier?.scoreThresholds;
  return { pass: num(t?.pass) ?? DEFAULT_THRESHOLDS.pass, marginal: num(t?.marginal) ?? DEFAULT_THRESHOLDS.marginal };
}

export type JudgeSettingKey = 'confidenceLevel' | 'tolerance';
export const DEFAULT_JUDGE_SETTINGS: Record<JudgeSettingKey, number> = { confidenceLevel: 0.98, tolerance: 0.25 };

/** Kayenta reads per-config judge settings from `judge.judgeConfigurations`; empty means its default. */
export function setJudgeSetting(doc: ConfigDocument, key: JudgeSettingKey, value: string): ConfigDocument {
  const settings = Object.fromEntries(Object.entries({ ...doc.judge?.judgeConfigurations, [key]: typedNumber(value) }).filter(([, v]) => v !== undefined));
  return { ...doc, judge: { name: KAYENTA_JUDGE, ...doc.judge, judgeConfigurations: settings } };
}

export function judgeSettingOf(doc: ConfigDocument, key: JudgeSettingKey): string {
  const value = doc.judge?.judgeConfigurations?.[key];
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

// Mean-ratio effect sizes are ratios around 1: "10 %" allowed increase is 1.1, allowed decrease 0.9.
const toPercent = (ratio: unknown, side: 'increase' | 'decrease'): string => {
  const n = num(ratio);
  if (n === undefined) return '';
  return String(Number(((side === 'increase' ? n - 1 : 1 - n) * 100).toFixed(6)));
};
const toRatio = (percent: string, side: 'increase' | 'decrease'): number | undefined => {
  const n = num(percent);
  if (n === undefined || n === 0) return undefined;
  return Number((side === 'increase' ? 1 + n / 100 : 1 - n / 100).toFixed(8));
};

const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T => {
  const lowered = typeof value === 'string' ? value.toLowerCase() : '';
  return allowed.find((a) => a === lowered) ?? fallback;
};
const flag = (value: unknown) => value === true || value === 'true';

export function formOf(metric: Metric | undefined, group = ''): MetricForm {
  const canary = metric?.analysisConfigurations?.canary;
  const template = metric?.query?.customInlineTemplate ?? '';
  const effect = canary?.effectSize;
  return {
    name: metric?.name ?? '',
    group: metric?.groups?.[0] ?? group,
    promql: template.startsWith(PROMQL_PREFIX) ? template.slice(PROMQL_PREFIX.length) : template,
    direction: pick(canary?.direction, ['increase', 'decrease', 'either'], 'either'),
    critical: flag(canary?.critical),
    mustHaveData: flag(canary?.mustHaveData),
    muted: flag(canary?.muted),
    nanStrategy: pick(canary?.nanStrategy, ['replace', 'remove'], 'default'),
    outlierStrategy: pick(canary?.outliers?.strategy, ['keep', 'remove'], 'default'),
    outlierFactor: canary?.outliers?.outlierFactor === undefined ? '' : String(canary.outliers.outlierFactor),
    allowedIncrease: toPercent(effect?.allowedIncrease, 'increase'),
    allowedDecrease: toPercent(effect?.allowedDecrease, 'decrease'),
    criticalIncrease: toPercent(effect?.criticalIncrease, 'increase'),
    criticalDecrease: toPercent(effect?.criticalDecrease, 'decrease'),
    kind: pick(canary?.foresail?.kind, ['gauge', 'count', 'histogram'], 'auto'),
    exposure: canary?.foresail?.exposure ?? '',
    noData: pick(canary?.foresail?.noData, ['fail', 'marginal', 'ignore'], 'default'),
  };
}

/** Drops undefined values so defaults are absent, not null, in the saved JSON. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The metric the form describes, on top of `existing` so keys the editor does not show survive. */
export function metricOf(form: MetricForm, existing?: Metric): Metric {
  const canary = existing?.analysisConfigurations?.canary ?? {};
  const otherGroups = (existing?.groups ?? []).slice(1).filter((g) => g !== form.group);
  const effectSize = compact({
    ...canary.effectSize,
    allowedIncrease: toRatio(form.allowedIncrease, 'increase'),
    allowedDecrease: toRatio(form.allowedDecrease, 'decrease'),
    criticalIncrease: toRatio(form.criticalIncrease, 'increase'),
    criticalDecrease: toRatio(form.criticalDecrease, 'decrease'),
  });
  const outliers = compact({ ...canary.outliers, strategy: form.outlierStrategy === 'default' ? undefined : form.outlierStrategy, outlierFactor: num(form.outlierFactor) });
  const template = form.promql.trim();
  const foresail = compact({ ...canary.foresail, kind: form.kind === 'auto' ? undefined : form.kind, exposure: form.exposure.trim() || undefined, noData: form.noData === 'default' ? undefined : form.noData });
  return {
    ...existing,
    name: form.name.trim(),
    groups: [form.group.trim(), ...otherGroups],
    scopeName: existing?.scopeName ?? 'default',
    query: compact({ ...existing?.query, type: existing?.query?.type ?? 'prometheus', customInlineTemplate: template ? `${PROMQL_PREFIX}${template}` : undefined }),
    analysisConfigurations: {
      ...existing?.analysisConfigurations,
      canary: compact({
        ...canary,
        direction: form.direction,
        critical: form.critical || undefined,
        mustHaveData: form.mustHaveData || undefined,
        muted: form.muted || undefined,
        nanStrategy: form.nanStrategy === 'default' ? undefined : form.nanStrategy,
        effectSize: Object.keys(effectSize).length > 0 ? effectSize : undefined,
        outliers: Object.keys(outliers).length > 0 ? outliers : undefined,
        foresail: Object.keys(foresail).length > 0 ? foresail : undefined,
      }),
    },
  };
}

/** Puts `metric` at `index` (or appends it); a new group gets a weight of 0 so the sum check shows. */
export function saveMetric(doc: ConfigDocument, metric: Metric, index?: number): ConfigDocument {
  const metrics = [...doc.metrics];
  if (index === undefined || index >= metrics.length) metrics.push(metric);
  else metrics[index] = metric;
  let next: ConfigDocument = { ...doc, metrics };
  for (const group of metric.groups ?? []) if (!(group in (next.classifier?.groupWeights ?? {}))) next = setWeight(next, group, 0);
  return next;
}

export function removeMetric(doc: ConfigDocument, index: number): ConfigDocument {
  return { ...doc, metrics: doc.metrics.filter((_, i) => i !== index) };
}
