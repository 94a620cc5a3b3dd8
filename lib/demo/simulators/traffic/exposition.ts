import type { PodCounters } from './model';

/**
 * The simulator's /metrics page: Prometheus text format 0.0.4, with the metric and label names Istio
 * (reporter="destination", as the server-side sidecar reports) and cAdvisor use, so the canary
 * config's PromQL is what it would be against a real mesh. Counters are whole numbers, as Envoy
 * counts (CPU seconds are fractional, as cAdvisor's are).
 */

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (pairs: Record<string, string>) => `{${Object.entries(pairs).map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
const number = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(6));

export function renderMetrics(pods: readonly PodCounters[], service: { name: string; namespace: string }): string {
  const fqdn = `${service.name}.${service.namespace}.svc.cluster.local`;
  const requests: string[] = [];
  const durations: string[] = [];
  const cpu: string[] = [];
  const memory: string[] = [];
  for (const p of pods) {
    const istio = {
      reporter: 'destination',
      source_workload: 'istio-ingressgateway',
      source_workload_namespace: 'istio-system',
      destination_workload: p.workload,
      destination_workload_namespace: p.namespace,
      destination_service: fqdn,
      destination_service_name: service.name,
      destination_service_namespace: service.namespace,
      destination_app: service.name,
      destination_canonical_service: service.name,
      destination_version: p.version,
      destination_canonical_revision: p.version,
      request_protocol: 'http',
      response_flags: '-',
      connection_security_policy: 'mutual_tls',
      namespace: p.namespace,
      pod: p.pod,
    };
    for (const [code, c] of [...p.codes.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const withCode = { ...istio, response_code: code };
      const total = Math.floor(c.requests);
      requests.push(`istio_requests_total${labels(withCode)} ${total}`);
      p.bucketsMs.forEach((le, i) => durations.push(`istio_request_duration_milliseconds_bucket${labels({ ...withCode, le: String(le) })} ${Math.min(total, Math.floor(c.buckets[i] ?? 0))}`));
      durations.push(`istio_request_duration_milliseconds_bucket${labels({ ...withCode, le: '+Inf' })} ${total}`);
      durations.push(`istio_request_duration_milliseconds_sum${labels(withCode)} ${number(c.sumMs)}`);
      durations.push(`istio_request_duration_milliseconds_count${labels(withCode)} ${total}`);
    }
    const container = { namespace: p.namespace, pod: p.pod, container: service.name };
    cpu.push(`container_cpu_usage_seconds_total${labels(container)} ${number(p.cpuSeconds)}`);
    memory.push(`container_memory_working_set_bytes${labels(container)} ${Math.round(p.memoryBytes)}`);
  }
  const simulated = 'SIMULATED by the Foresail demo traffic simulator: no real requests';
  return [
    `# ${simulated}.`,
    `# HELP istio_requests_total Requests received by the workload (${simulated}).`,
    '# TYPE istio_requests_total counter',
    ...requests,
    `# HELP istio_request_duration_milliseconds Request duration in milliseconds (${simulated}).`,
    '# TYPE istio_request_duration_milliseconds histogram',
    ...durations,
    `# HELP container_cpu_usage_seconds_total CPU time consumed by the container (${simulated}).`,
    '# TYPE container_cpu_usage_seconds_total counter',
    ...cpu,
    `# HELP container_memory_working_set_bytes Working set of the container (${simulated}).`,
    '# TYPE container_memory_working_set_bytes gauge',
    ...memory,
    '',
  ].join('\n');
}
