import { goldengoose } from '../goldengoose';

/**
 * The judge the seeded canary config names. Kayenta's NetflixACAJudge is Foresail's default; switching
 * the demo to another judge (issue 17's `foresail-v1`) is this one line.
 */
const JUDGE = 'NetflixACAJudge-v1.0';

/** Series of one workload (Istio's destination labels) over a 30 s rate window. */
const istio = (metric: string, extra = '') =>
  `${metric}{reporter="destination",destination_workload_namespace="\${location}",destination_workload="\${scope}"${extra}}[30s]`;
/** cAdvisor's per-container series of the workload's pods (`<deployment>-<replicaset hash>-<id>`). */
const pods = (metric: string) => `${metric}{namespace="\${location}",pod=~"\${scope}-[a-z0-9]+-[a-z0-9]+",container="${goldengoose.container}"}`;

const increase = (allowedIncrease: number, critical: { criticalIncrease: number } | undefined) => ({
  canary: {
    direction: 'increase',
    ...(critical ? { critical: true } : {}),
    effectSize: { allowedIncrease, ...(critical ?? {}) },
  },
});

/**
 * goldengoose's golden signals, as an SRE would write them for Istio + Prometheus: latency (p99 from
 * the request-duration histogram) and errors (the 5xx share of requests) are critical — either one
 * failing fails the canary — and saturation (CPU and memory per pod) is not. Effect sizes leave room
 * for noise: a metric fails only when the canary is 10 % (errors: 20 %) worse and the difference is
 * statistically clear; a critical one fails the run when 20 % (errors: 50 %) worse. Group weights put
 * a canary worse only in saturation at 70: between marginal (50) and pass (75).
 */
export function goldengooseCanaryConfig() {
  return {
    name: goldengoose.canaryConfigId,
    description: 'Latency, errors and saturation of goldengoose from Istio and cAdvisor metrics (in the demo: simulated).',
    applications: [goldengoose.application],
    judge: { name: JUDGE, judgeConfigurations: {} },
    metrics: [
      {
        name: 'Request latency p99 (ms)',
        groups: ['latency'],
        query: { type: 'prometheus', customInlineTemplate: `PromQL:histogram_quantile(0.99, sum by (le) (rate(${istio('istio_request_duration_milliseconds_bucket')})))` },
        analysisConfigurations: increase(1.1, { criticalIncrease: 1.2 }),
        scopeName: 'default',
      },
      {
        name: 'Error rate (5xx share)',
        groups: ['errors'],
        query: {
          type: 'prometheus',
          // `or vector(0)`: no 5xx at all is a rate of 0, not missing data.
          customInlineTemplate: `PromQL:(sum(rate(${istio('istio_requests_total', ',response_code=~"5.."')})) or vector(0)) / sum(rate(${istio('istio_requests_total')}))`,
        },
        analysisConfigurations: increase(1.2, { criticalIncrease: 1.5 }),
        scopeName: 'default',
      },
      {
        name: 'CPU per pod (cores)',
        groups: ['saturation'],
        query: { type: 'prometheus', customInlineTemplate: `PromQL:avg(rate(${pods('container_cpu_usage_seconds_total')}[30s]))` },
        analysisConfigurations: increase(1.1, undefined),
        scopeName: 'default',
      },
      {
        name: 'Memory per pod (bytes)',
        groups: ['saturation'],
        query: { type: 'prometheus', customInlineTemplate: `PromQL:avg(${pods('container_memory_working_set_bytes')})` },
        analysisConfigurations: increase(1.1, undefined),
        scopeName: 'default',
      },
    ],
    classifier: { groupWeights: { latency: 35, errors: 35, saturation: 30 }, scoreThresholds: { pass: 75, marginal: 50 } },
    templates: {},
  };
}
