import 'server-only';
import type { PlannedInterval } from '../../canary/plan';
import { fetchMetricPairs, type LabelMismatch, type PrometheusEndpoint } from '../../canary/prometheus';
import { judge, type CanaryConfig, type JudgeResult, type MetricSetPair } from '../../canary/stats';
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
}): Promise<IntervalRecord> {
  const { scopes, interval } = input;
  const fetched = await fetchMetricPairs({
    endpoint: input.endpoint,
    config: input.config,
    control: { scope: scopes.controlScope, location: scopes.controlLocation, params: scopes.extendedScopeParams, ...interval.baseline },
    experiment: { scope: scopes.experimentScope, location: scopes.experimentLocation, params: scopes.extendedScopeParams, ...interval.canary },
    stepSeconds: input.stepSeconds,
  });
  const metricSetPairs: MetricSetPair[] = fetched.pairs.map((p) => ({ id: p.id, name: p.name, tags: p.tags, values: { control: p.control.map(([, v]) => v), experiment: p.experiment.map(([, v]) => v) } }));
  const missing = new Map(fetched.pairs.flatMap((p) => (p.nodataReason ? [[p.id, p.nodataReason] as const] : [])));
  const judged = judge({ config: input.config, metricSetPairs, thresholds: input.thresholds });
  const result = applyMissingData(judged, missing, input.config.classifier?.groupWeights ?? {});
  // Orca warns when a baseline has fewer than 50 points: the test has little power then.
  const fewPoints = fetched.pairs
    .filter((p) => !p.nodataReason && p.control.length < 50)
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
