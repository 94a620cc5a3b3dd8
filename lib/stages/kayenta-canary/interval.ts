import 'server-only';
import type { PlannedInterval } from '../../canary/plan';
import { fetchMetricPairs, type LabelMismatch, type PrometheusEndpoint } from '../../canary/prometheus';
import { type CanaryConfig, type JudgeResult, type MetricSetPair } from '../../canary/stats';
import { FORESAIL_JUDGE, selectedJudge } from '../../canary/stats/foresail/settings';
import { judgeByConfig } from '../../canary/stats/judges';
import { applyMissingData } from './rescore';

/** The baseline and canary scope of the stage (Kayenta's first scope). */
export interface StageScopes {
  controlScope: string;
  controlLocation?: string | undefined;
  experimentScope: string;
  experimentLocation?: string | undefined;
  extendedScopeParams?: Record<string, unknown> | undefined;
}

/** What one interval stores: its windows, the queries, every point judged, and the judge's full result. */
export interface IntervalRecord {
  interval: number;
  canary: { startMs: number; endMs: number };
  baseline: { startMs: number; endMs: number };
  stepSeconds: number;
  judgedAtMs: number;
  result: JudgeResult;
  warnings: (LabelMismatch | { kind: 'fewPoints'; metric: string; message: string })[];
  queries: Record<string, { control?: string; experiment?: string }>;
  /** Points per metric set pair id ([ms, value]; NaN as null in JSON) for the report's charts. */
  series: { id: string; name: string; tags: Record<string, string>; control: [number, number | null][]; experiment: [number, number | null][] }[];
}

const finiteOrNull = (points: [number, number][]): [number, number | null][] => points.map(([t, v]) => [t, Number.isFinite(v) ? v : null]);

/** Queries Prometheus for both scopes over the interval's windows and judges the pairs. */
export async function judgeInterval(input: {
  endpoint: PrometheusEndpoint;
  config: CanaryConfig;
  scopes: StageScopes;
  interval: PlannedInterval;
  stepSeconds: number;
  thresholds: { pass: number; marginal: number };
  nowMs: number;
  /** The previous interval's record: foresail-v1 continues from its state with the points after its windows. */
  previous?: IntervalRecord | undefined;
  /** foresail-v1: the canary's share of canary + baseline traffic (count metrics without an exposure metric). */
  canaryTrafficShare?: number | undefined;
}): Promise<IntervalRecord> {
  const { scopes, interval } = input;
  const fetched = await fetchMetricPairs({
    endpoint: input.endpoint,
    config: input.config,
    control: { scope: scopes.controlScope, location: scopes.controlLocation, params: scopes.extendedScopeParams, ...interval.baseline },
    experiment: { scope: scopes.experimentScope, location: scopes.experimentLocation, params: scopes.extendedScopeParams, ...interval.canary },
    stepSeconds: input.stepSeconds,
  });
  const sequential = selectedJudge(input.config) === FORESAIL_JUDGE;
  // foresail-v1 adds only what is new since the previous interval to its evidence; Kayenta judges the whole window.
  const after = (points: [number, number][], endMs: number | undefined) => (endMs === undefined ? points : points.filter(([t]) => t > endMs));
  const values = (points: [number, number][]) => points.map(([, v]) => v);
  const metricSetPairs: MetricSetPair[] = fetched.pairs.map((p) => ({
    id: p.id,
    name: p.name,
    tags: p.tags,
    values: sequential
      ? { control: values(after(p.control, input.previous?.baseline.endMs)), experiment: values(after(p.experiment, input.previous?.canary.endMs)) }
      : { control: values(p.control), experiment: values(p.experiment) },
  }));
  const missing = new Map(fetched.pairs.flatMap((p) => (p.nodataReason ? [[p.id, p.nodataReason] as const] : [])));
  const judged = judgeByConfig({ config: input.config, metricSetPairs, thresholds: input.thresholds }, { state: input.previous?.result.sequential?.state, missing, canaryTrafficShare: input.canaryTrafficShare });
  const result = sequential ? judged : applyMissingData(judged, missing, input.config.classifier?.groupWeights ?? {});
  // Orca warns when a baseline has fewer than 50 points: Mann-Whitney has little power then (the sequential judge accumulates instead).
  const fewPoints = fetched.pairs
    .filter((p) => !sequential && !p.nodataReason && p.control.length < 50)
    .map((p) => ({ kind: 'fewPoints' as const, metric: p.name, message: `${p.name} has only ${p.control.length} baseline points (fewer than 50); the comparison has little statistical power` }));
  return {
    interval: interval.interval,
    canary: interval.canary,
    baseline: interval.baseline,
    stepSeconds: input.stepSeconds,
    judgedAtMs: input.nowMs,
    result,
    warnings: [...fetched.warnings, ...fewPoints],
    queries: fetched.queries,
    series: fetched.pairs.map((p) => ({ id: p.id, name: p.name, tags: p.tags, control: finiteOrNull(p.control), experiment: finiteOrNull(p.experiment) })),
  };
}
