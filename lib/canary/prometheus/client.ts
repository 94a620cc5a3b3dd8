import { parseMatrixResponse, PrometheusQueryError, type PromSeries } from './response';

/** HTTP as the egress policy provides it (StageServices.egressFetch / lib/egress). */
export type HttpFetcher = (
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string; timeoutMs?: number; maxResponseBytes?: number; tls?: { ca?: string; rejectUnauthorized?: boolean } },
) => Promise<{ status: number; body: string }>;

/** A configured Prometheus metrics account, with its credentials already resolved. */
export interface PrometheusEndpoint {
  name: string;
  url: string;
  /** e.g. Authorization; never logged or stored. */
  headers: Record<string, string>;
  /** The account's TLS settings (its CA's PEM, or certificate checks off). */
  tls?: { ca?: string; rejectUnauthorized?: boolean };
  /** HTTP under the metrics accounts' own egress policy (prometheus.egress.allow), never the webhook stages' one. */
  fetch: HttpFetcher;
}

export interface RangeQuery {
  query: string;
  startMs: number;
  endMs: number;
  stepSeconds: number;
}

const seconds = (ms: number) => (ms / 1000).toFixed(3).replace(/\.?0+$/, '');

/**
 * `query_range` through the egress policy. POSTed as a form so long canary queries are not cut by
 * URL limits. Network failures and Prometheus errors become PrometheusQueryError naming the account.
 */
export async function queryRange(endpoint: PrometheusEndpoint, q: RangeQuery): Promise<PromSeries[]> {
  const url = `${endpoint.url.replace(/\/+$/, '')}/api/v1/query_range`;
  const form = new URLSearchParams({ query: q.query, start: seconds(q.startMs), end: seconds(q.endMs), step: `${q.stepSeconds}s` });
  let response: { status: number; body: string };
  try {
    response = await endpoint.fetch(url, {
      method: 'POST',
      headers: { ...endpoint.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      timeoutMs: 30_000,
      maxResponseBytes: 32 * 1024 * 1024,
      ...(endpoint.tls ? { tls: endpoint.tls } : {}),
    });
  } catch (err) {
    throw new PrometheusQueryError(`Prometheus account ${endpoint.name} could not be reached: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseMatrixResponse(response.status, response.body);
  } catch (err) {
    throw err instanceof PrometheusQueryError ? new PrometheusQueryError(`Prometheus account ${endpoint.name}: ${err.message}`) : err;
  }
}
