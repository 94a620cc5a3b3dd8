/**
 * Prometheus as Kayenta's metric store: PromQL from a canary metric and scope, query_range through the
 * egress policy, and control/experiment pairing with label-mismatch detection. HTTP is injected
 * (HttpFetcher), so this module stays free of server-only imports.
 */
export { buildPromQL, fillTemplate, QueryTemplateError, type QueryScope } from './template';
export { parseMatrixResponse, parseSampleValue, PrometheusQueryError, type PromSeries } from './response';
export { queryRange, type HttpFetcher, type PrometheusEndpoint, type RangeQuery } from './client';
export { pairSeries, type LabelMismatch, type SeriesPair } from './pairs';
export { fetchMetricPairs, type MetricFetch, type FetchedPair, type SideQuery } from './fetch-metrics';
