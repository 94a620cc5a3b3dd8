import 'server-only';
import type { SessionUser } from '../auth/principal';
import type { MetricPreview, MetricPreviewRequest } from '../canary/analysis/request';
import { buildPromQL, PrometheusQueryError, QueryTemplateError, queryRange } from '../canary/prometheus';
import { canaryMetricSchema } from '../canary/stats/canary-config';
import { ValidationError } from '../errors';
import { parseInput } from '../errors-in-words';
import { metricsEndpointFor } from './metrics-accounts';
import { visibleApplication } from './pipelines';

/**
 * Runs one metric's PromQL for one scope over a window, so a config author sees what the judge would
 * get before saving. Readers of the application who may use the metrics account (READ on it) may
 * preview: it reads metrics and stores nothing. A query Prometheus rejects is a 422 with its message
 * (the author's PromQL is the bad input).
 */
export async function previewMetric(user: SessionUser, input: MetricPreviewRequest): Promise<MetricPreview> {
  await visibleApplication(user, input.application);
  const metric = parseInput(canaryMetricSchema, input.metric, ['metric']);
  const endpoint = metricsEndpointFor(user, input.metricsAccountName);
  let query: string;
  try {
    query = buildPromQL(metric, { scope: input.scope, location: input.location, params: input.extendedScopeParams }, input.templates);
  } catch (err) {
    if (err instanceof QueryTemplateError) throw new ValidationError(`metric.query: ${err.message}`, [{ path: 'metric.query', message: err.message }]);
    throw err;
  }
  try {
    const series = await queryRange(endpoint, { query, startMs: Date.parse(input.start), endMs: Date.parse(input.end), stepSeconds: input.step });
    return { query, series: series.map((s) => ({ labels: s.labels, points: s.points.map(([t, v]) => [t, Number.isFinite(v) ? v : null] as [number, number | null]) })) };
  } catch (err) {
    if (err instanceof PrometheusQueryError) throw new ValidationError(`metric.query: ${err.message}`, [{ path: 'metric.query', message: err.message }]);
    throw err;
  }
}
