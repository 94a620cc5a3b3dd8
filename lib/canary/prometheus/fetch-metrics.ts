import type { CanaryConfig } from '../stats/canary-config';
import { queryRange, type PrometheusEndpoint } from './client';
import { pairSeries, type LabelMismatch } from './pairs';
import type { PromSeries } from './response';
import { buildPromQL, type QueryScope } from './template';

/** One side's scope and window. */
export interface SideQuery extends QueryScope {
  startMs: number;
  endMs: number;
}

export interface FetchedPair {
  /** `<metric>#<n>`, unique within one fetch; the judge result carries it as `id`. */
  id: string;
  name: string;
  tags: Record<string, string>;
  control: [number, number][];
  experiment: [number, number][];
  /** Set when this pair must be Nodata whatever the values say (no data from Prometheus, or a query error). */
  nodataReason?: string;
}

export interface MetricFetch {
  pairs: FetchedPair[];
  warnings: LabelMismatch[];
  /** The PromQL run per metric and side (for the report). */
  queries: Record<string, { control?: string; experiment?: string }>;
}

async function runSide(endpoint: PrometheusEndpoint, query: string, side: SideQuery, stepSeconds: number): Promise<PromSeries[]> {
  return queryRange(endpoint, { query, startMs: side.startMs, endMs: side.endMs, stepSeconds });
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Queries every metric of the config for the control (baseline) and experiment (canary) sides and
 * pairs the series. A metric whose query cannot be built or run becomes a single pair marked with
 * the error as its Nodata reason: missing data can never make a metric pass.
 */
export async function fetchMetricPairs(input: {
  endpoint: PrometheusEndpoint;
  config: CanaryConfig;
  control: SideQuery;
  experiment: SideQuery;
  stepSeconds: number;
}): Promise<MetricFetch> {
  const { endpoint, config, stepSeconds } = input;
  const queries: MetricFetch['queries'] = {};
  const warnings: LabelMismatch[] = [];
  const perMetric = await Promise.all(
    config.metrics.map(async (metric): Promise<Omit<FetchedPair, 'id'>[]> => {
      let controlQuery: string;
      let experimentQuery: string;
      try {
        controlQuery = buildPromQL(metric, input.control, config.templates ?? {});
        experimentQuery = buildPromQL(metric, input.experiment, config.templates ?? {});
      } catch (err) {
        return [{ name: metric.name, tags: {}, control: [], experiment: [], nodataReason: `The query for ${metric.name} could not be built: ${message(err)}` }];
      }
      queries[metric.name] = { control: controlQuery, experiment: experimentQuery };
      const [control, experiment] = await Promise.allSettled([
        runSide(endpoint, controlQuery, input.control, stepSeconds),
        runSide(endpoint, experimentQuery, input.experiment, stepSeconds),
      ]);
      if (control.status === 'rejected' || experiment.status === 'rejected') {
        const failed = control.status === 'rejected' ? control.reason : (experiment as PromiseRejectedResult).reason;
        return [{ name: metric.name, tags: {}, control: [], experiment: [], nodataReason: `No data for ${metric.name}: ${message(failed)}` }];
      }
      const { pairs, warning } = pairSeries(metric.name, control.value, experiment.value);
      if (warning) warnings.push(warning);
      return pairs.map((p) => ({ name: metric.name, tags: p.tags, control: p.control, experiment: p.experiment, ...(p.missing ? { nodataReason: `No data for ${metric.name}: ${p.missing}` } : {}) }));
    }),
  );
  const pairs = perMetric.flatMap((list) => list.map((p, i) => ({ id: `${p.name}#${i}`, ...p })));
  return { pairs, warnings, queries };
}
