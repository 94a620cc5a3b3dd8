import { hashSeed, seededRandom, type RandomSource } from '../../../canary/stats/noise';
import type { PodLoad } from './routing';

/**
 * The SIMULATED traffic's numbers: what each pod's Envoy sidecar (Istio's standard metrics) and the
 * kubelet's cAdvisor would count, accumulated tick by tick from the requests each pod receives. No
 * request is ever sent: each tick adds the *expected* counts (latencies from a log-normal
 * distribution, a share of 5xx, CPU per request), with a few percent of seeded jitter, so the
 * series look alive while a healthy canary stays statistically indistinguishable from its baseline
 * and a changed one differs clearly.
 */

/** What a build does to the numbers (lib/demo/profiles.ts); 1 = like production. */
export interface Behaviour {
  latency: number;
  errors: number;
  saturation: number;
}

export interface ServiceShape {
  /** Median request latency in ms, and the log-normal spread (σ of ln latency). */
  medianMs: number;
  sigma: number;
  /** Shares of all requests answered 5xx and 404. */
  errorShare: number;
  notFoundShare: number;
  /** CPU seconds per request, and idle cores per pod. */
  cpuPerRequest: number;
  idleCores: number;
  /** Working set per pod: a base plus some per request per second. */
  memoryBytes: number;
  memoryBytesPerRps: number;
}

export const goldengooseShape: ServiceShape = {
  medianMs: 40,
  sigma: 0.45,
  errorShare: 0.01,
  notFoundShare: 0.01,
  cpuPerRequest: 0.002,
  idleCores: 0.02,
  memoryBytes: 200 * 2 ** 20,
  memoryBytesPerRps: 0.5 * 2 ** 20,
};

/** Istio's default request-duration buckets, for pods that set none. */
export const istioDefaultBucketsMs = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

/** Φ(x) (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7: plenty for expected counts). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Standard normal draw, clipped to ±3 so one tick never jumps. */
function gaussian(random: RandomSource): number {
  const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(-3, Math.min(3, g));
}

export interface CodeCounts {
  requests: number;
  /** Cumulative expected count per bucket (same order as the pod's buckets). */
  buckets: number[];
  sumMs: number;
}

export interface PodCounters {
  pod: string;
  namespace: string;
  workload: string;
  /** The image tag (Istio's destination_version / canonical revision). */
  version: string;
  bucketsMs: number[];
  codes: Map<string, CodeCounts>;
  cpuSeconds: number;
  memoryBytes: number;
  random: RandomSource;
}

/** Response codes and their share of a pod's requests for a given 5xx multiplier. */
function codeShares(shape: ServiceShape, errors: number): [string, number][] {
  const fivexx = Math.min(0.9, shape.errorShare * errors);
  return [
    ['200', 1 - fivexx - shape.notFoundShare],
    ['404', shape.notFoundShare],
    ['503', fivexx * 0.6],
    ['500', fivexx * 0.4],
  ];
}

export class TrafficModel {
  private readonly pods = new Map<string, PodCounters>();

  constructor(
    readonly namespace: string,
    readonly shape: ServiceShape = goldengooseShape,
  ) {}

  /** Adds `dtSeconds` of traffic. Pods not in `loads` keep their counters until `forget` drops them. */
  tick(loads: readonly PodLoad[], dtSeconds: number, behaviourOf: (image: string) => Behaviour, bucketsOf: (annotation: string | undefined) => number[]): void {
    const { shape } = this;
    for (const { pod, rps } of loads) {
      let counters = this.pods.get(pod.name);
      if (!counters) {
        const tag = pod.image.includes(':') ? pod.image.slice(pod.image.lastIndexOf(':') + 1) : 'latest';
        counters = { pod: pod.name, namespace: this.namespace, workload: pod.workload, version: tag, bucketsMs: bucketsOf(pod.bucketsAnnotation), codes: new Map(), cpuSeconds: 0, memoryBytes: 0, random: seededRandom(hashSeed(pod.name)) };
        this.pods.set(pod.name, counters);
      }
      const b = behaviourOf(pod.image);
      const r = counters.random;
      const requests = rps * dtSeconds;
      const median = shape.medianMs * b.latency * (1 + 0.02 * gaussian(r));
      const errors = b.errors * (1 + 0.05 * gaussian(r));
      const meanMs = median * Math.exp((shape.sigma * shape.sigma) / 2);
      for (const [code, share] of codeShares(shape, errors)) {
        const n = requests * share;
        const c = counters.codes.get(code) ?? { requests: 0, buckets: counters.bucketsMs.map(() => 0), sumMs: 0 };
        c.requests += n;
        c.sumMs += n * meanMs;
        counters.bucketsMs.forEach((le, i) => {
          c.buckets[i] = (c.buckets[i] ?? 0) + n * normalCdf((Math.log(le) - Math.log(median)) / shape.sigma);
        });
        counters.codes.set(code, c);
      }
      counters.cpuSeconds += (shape.idleCores * dtSeconds + requests * shape.cpuPerRequest) * b.saturation * (1 + 0.02 * gaussian(r));
      counters.memoryBytes = (shape.memoryBytes + shape.memoryBytesPerRps * rps) * b.saturation * (1 + 0.01 * gaussian(r));
    }
  }

  /** Drops pods that no longer exist (their series end, as when a real pod goes away). */
  forget(existing: ReadonlySet<string>): void {
    for (const name of this.pods.keys()) if (!existing.has(name)) this.pods.delete(name);
  }

  counters(): PodCounters[] {
    return [...this.pods.values()].sort((a, b) => a.pod.localeCompare(b.pod));
  }
}
