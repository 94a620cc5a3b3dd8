/** One series of a query_range answer: its labels (without `__name__`) and points. */
export interface PromSeries {
  labels: Record<string, string>;
  /** [ms since the epoch, value]; NaN and ±Inf kept as such. */
  points: [number, number][];
}

export class PrometheusQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusQueryError';
  }
}

const SPECIAL: Record<string, number> = { NaN: Number.NaN, '+Inf': Number.POSITIVE_INFINITY, Inf: Number.POSITIVE_INFINITY, '-Inf': Number.NEGATIVE_INFINITY };

/** Prometheus writes sample values as strings, including "NaN", "+Inf" and "-Inf". */
export function parseSampleValue(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return Number.NaN;
  const special = SPECIAL[raw];
  if (special !== undefined) return special;
  const value = Number(raw);
  return raw.trim() === '' ? Number.NaN : value;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function describeError(status: number, body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isRecord(parsed) && typeof parsed.error === 'string') {
      return `Prometheus answered ${status}${typeof parsed.errorType === 'string' ? ` (${parsed.errorType})` : ''}: ${parsed.error}`;
    }
  } catch {
    // not JSON: a proxy or a wrong URL; fall through to the text
  }
  return `Prometheus answered ${status}: ${body.trim().slice(0, 200) || '(empty body)'}`;
}

/** Reads a `query_range` response (a matrix); anything else is a PrometheusQueryError saying what came back. */
export function parseMatrixResponse(status: number, body: string): PromSeries[] {
  if (status < 200 || status >= 300) throw new PrometheusQueryError(describeError(status, body));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new PrometheusQueryError(`Prometheus answered ${status} with something that is not JSON: ${body.trim().slice(0, 120)}`);
  }
  if (!isRecord(parsed) || parsed.status !== 'success' || !isRecord(parsed.data)) throw new PrometheusQueryError(describeError(status, body));
  if (parsed.data.resultType !== 'matrix' || !Array.isArray(parsed.data.result)) {
    throw new PrometheusQueryError(`Prometheus returned a ${String(parsed.data.resultType)} instead of a matrix; the query must select series over time`);
  }
  return parsed.data.result.map((item): PromSeries => {
    const metric = isRecord(item) && isRecord(item.metric) ? item.metric : {};
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(metric)) if (k !== '__name__' && typeof v === 'string') labels[k] = v;
    const values = isRecord(item) && Array.isArray(item.values) ? item.values : [];
    const points = values.filter((p): p is [unknown, unknown] => Array.isArray(p) && p.length === 2).map(([t, v]): [number, number] => [Math.round(Number(t) * 1000), parseSampleValue(v)]);
    return { labels, points };
  });
}
