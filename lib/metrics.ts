import 'server-only';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

// Route handlers are bundled separately by Next; keep one registry per process on globalThis.
const globalForMetrics = globalThis as unknown as { foresailMetrics?: Metrics };

export function getMetrics(): Metrics {
  if (!globalForMetrics.foresailMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'foresail_' });
    const httpDuration = new Histogram({
      name: 'foresail_http_request_duration_seconds',
      help: 'API request duration by route pattern, method and status code',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    globalForMetrics.foresailMetrics = { registry, httpDuration };
  }
  return globalForMetrics.foresailMetrics;
}
