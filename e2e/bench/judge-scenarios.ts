/**
 * The judgment-quality scenarios: each simulates one canary analysis (baseline and canary over 6
 * intervals of 10 minutes, a point every 15 s) and says what each judge is configured to look at —
 * the same simulated service, measured the way a user of each judge would measure it (Kayenta:
 * gauge series such as mean and p99 latency or the error ratio; foresail-v1: the histogram buckets
 * and counters Prometheus holds).
 */
import type { CanaryConfigInput, RandomSource } from '../../lib/canary/stats';
import { ar1, LATENCY_BOUNDS, latencyHistogram, poisson } from './judge-sim';

export const INTERVALS = 6;
export const STEPS_PER_INTERVAL = 40;
const STEPS = INTERVALS * STEPS_PER_INTERVAL;

export interface Series {
  name: string;
  tags: Record<string, string>;
  control: number[];
  experiment: number[];
}

export interface SimulatedCanary {
  kayenta: Series[];
  foresail: Series[];
  /** Canary's share of canary + baseline traffic per interval, when the weights change. */
  canaryShare?: number[];
}

export interface Scenario {
  id: string;
  title: string;
  regression: boolean;
  /** Points per interval: 40 (15 s step) unless the scenario says otherwise. */
  stepsPerInterval?: number;
  kayenta: CanaryConfigInput;
  foresail: CanaryConfigInput;
  simulate(random: RandomSource): SimulatedCanary;
}

type MetricOptions = { direction?: string; critical?: boolean; muted?: boolean; kind?: 'gauge' | 'count' | 'histogram'; exposure?: string };
function metric(name: string, o: MetricOptions = {}) {
  const foresail = o.kind || o.exposure ? { foresail: { ...(o.kind ? { kind: o.kind } : {}), ...(o.exposure ? { exposure: o.exposure } : {}) } } : {};
  return { name, groups: ['all'], query: { type: 'prometheus', customInlineTemplate: `${name}{version="\${scope}"}` }, analysisConfigurations: { canary: { direction: o.direction ?? 'increase', critical: o.critical ?? false, muted: o.muted ?? false, ...foresail } } };
}
function configs(kayenta: ReturnType<typeof metric>[], foresail: ReturnType<typeof metric>[]) {
  const classifier = { groupWeights: { all: 100 } };
  return { kayenta: { name: 'bench', metrics: kayenta, classifier }, foresail: { name: 'bench', judge: { name: 'foresail-v1', judgeConfigurations: {} }, metrics: foresail, classifier } };
}

/** A gauge scenario: both judges see the same series. */
function gaugeScenario(id: string, title: string, regression: boolean, metrics: number, make: (random: RandomSource, side: 'control' | 'experiment', index: number) => number[]): Scenario {
  const names = Array.from({ length: metrics }, (_, i) => (metrics === 1 ? 'latency' : `gauge_${i}`));
  const list = names.map((n) => metric(n, { critical: metrics === 1, direction: 'increase' }));
  return {
    id,
    title,
    regression,
    ...configs(list, list),
    simulate(random) {
      const series = names.map((name, i) => ({ name, tags: {}, control: make(random, 'control', i), experiment: make(random, 'experiment', i) }));
      return { kayenta: series, foresail: series };
    },
  };
}

const normalGauge = (mean: number, sd: number, phi: number, random: RandomSource) => ar1(STEPS, phi, random).map((x) => mean + sd * x);
const logNormalGauge = (median: number, sigma: number, phi: number, random: RandomSource) => ar1(STEPS, phi, random).map((x) => median * Math.exp(sigma * x));

/** A latency histogram scenario: foresail-v1 reads the buckets, Kayenta mean and p99 latency per step. */
function histogramScenario(id: string, title: string, regression: boolean, slow: (latency: number, random: RandomSource) => number): Scenario {
  return {
    id,
    title,
    regression,
    ...configs([metric('latency_mean', { critical: true }), metric('latency_p99', { critical: true })], [metric('latency', { critical: true, kind: 'histogram' })]),
    simulate(random) {
      const baseline = latencyHistogram(STEPS, 100, 0.1, 0.5, random);
      const canary = latencyHistogram(STEPS, 100, 0.1, 0.5, random, (l) => slow(l, random));
      const buckets = LATENCY_BOUNDS.map((bound, b) => ({ name: 'latency', tags: { le: Number.isFinite(bound) ? String(bound) : '+Inf' }, control: baseline.buckets.map((s) => s[b] as number), experiment: canary.buckets.map((s) => s[b] as number) }));
      return {
        kayenta: [
          { name: 'latency_mean', tags: {}, control: baseline.mean, experiment: canary.mean },
          { name: 'latency_p99', tags: {}, control: baseline.p99, experiment: canary.p99 },
        ],
        foresail: buckets,
      };
    },
  };
}

/** An error-count scenario: foresail-v1 reads error and request counters, Kayenta the error ratio per step. */
function errorScenario(id: string, title: string, regression: boolean, o: { requestsPerStep: number; errorRate: number; canaryFactor: number; shares?: number[] }): Scenario {
  return {
    id,
    title,
    regression,
    ...configs([metric('error_ratio', { critical: true })], [metric('errors', { critical: true, kind: 'count', exposure: 'requests' }), metric('requests', { kind: 'count', muted: true })]),
    simulate(random) {
      const shareAt = (step: number) => o.shares?.[Math.floor(step / STEPS_PER_INTERVAL)] ?? 0.5;
      const side = (canary: boolean) => {
        const requests: number[] = [];
        const errors: number[] = [];
        for (let s = 0; s < STEPS; s++) {
          // Total canary + baseline traffic is fixed; the weights decide each side's part of it.
          const share = canary ? shareAt(s) : 1 - shareAt(s);
          const r = poisson(2 * o.requestsPerStep * share, random);
          requests.push(r);
          errors.push(poisson(r * o.errorRate * (canary ? o.canaryFactor : 1), random));
        }
        return { requests, errors };
      };
      const b = side(false);
      const c = side(true);
      return {
        kayenta: [{ name: 'error_ratio', tags: {}, control: b.errors.map((e, i) => (b.requests[i] ? e / (b.requests[i] as number) : Number.NaN)), experiment: c.errors.map((e, i) => (c.requests[i] ? e / (c.requests[i] as number) : Number.NaN)) }],
        foresail: [
          { name: 'errors', tags: {}, control: b.errors, experiment: c.errors },
          { name: 'requests', tags: {}, control: b.requests, experiment: c.requests },
        ],
        ...(o.shares ? { canaryShare: o.shares } : {}),
      };
    },
  };
}

export const scenarios: Scenario[] = [
  gaugeScenario('aa-normal', 'A/A latency gauge, iid normal', false, 1, (r) => normalGauge(100, 10, 0, r)),
  gaugeScenario('aa-lognormal', 'A/A latency gauge, iid log-normal', false, 1, (r) => logNormalGauge(100, 0.5, 0, r)),
  gaugeScenario('aa-ar05', 'A/A latency gauge, AR(1) φ = 0.5', false, 1, (r) => normalGauge(100, 10, 0.5, r)),
  gaugeScenario('aa-ar08', 'A/A latency gauge, AR(1) φ = 0.8', false, 1, (r) => normalGauge(100, 10, 0.8, r)),
  gaugeScenario('aa-10', 'A/A 10 gauges (AR 0.5, AR 0.8, log-normal)', false, 10, (r, _s, i) => (i < 4 ? normalGauge(100, 10, 0.5, r) : i < 7 ? normalGauge(50, 5, 0.8, r) : logNormalGauge(20, 0.4, 0, r))),
  histogramScenario('aa-histogram', 'A/A latency histogram, log-normal', false, (l) => l),
  errorScenario('aa-sparse', 'A/A sparse errors (0–3 per interval)', false, { requestsPerStep: 25, errorRate: 0.0015, canaryFactor: 1 }),
  errorScenario('aa-weights', 'A/A errors, weights 1:2 → 1:1 → 2:1', false, { requestsPerStep: 25, errorRate: 0.01, canaryFactor: 1, shares: [1 / 3, 1 / 3, 1 / 2, 1 / 2, 2 / 3, 2 / 3] }),
  errorScenario('ab-sparse', 'A/B sparse errors tripled, 1.5 → 4.5 per interval (kayenta#426)', true, { requestsPerStep: 25, errorRate: 0.0015, canaryFactor: 3 }),
  histogramScenario('ab-mean10', 'A/B +10 % latency (every request)', true, (l) => l * 1.1),
  histogramScenario('ab-tail', 'A/B tail only: 3 % of requests 4× slower', true, (l, r) => (r() < 0.03 ? l * 4 : l)),
  gaugeScenario('ab-variance', 'A/B variance doubled, mean unchanged', true, 1, (r, side) => normalGauge(100, side === 'experiment' ? 10 * Math.SQRT2 : 10, 0, r)),
  errorScenario('ab-errors2x', 'A/B 2× error rate, low traffic (~12 errors/interval)', true, { requestsPerStep: 5, errorRate: 0.06, canaryFactor: 2 }),
  // spinnaker#6278: a baseline that reads the same value at every step, a canary at 100× it in 70 % of its
  // steps; Kayenta's default 60 s step, so 10 points per interval as in the issue.
  { ...gaugeScenario('ab-6278', 'A/B 70 % of points at 100× (spinnaker#6278), 60 s step', true, 1, (r, side) => Array.from({ length: INTERVALS * 10 }, () => (side === 'experiment' && r() < 0.7 ? 100 : 1))), stepsPerInterval: 10 },
  gaugeScenario('ab-drift', 'A/B slow drift to +20 % (AR 0.5)', true, 1, (r, side) => normalGauge(100, 10, 0.5, r).map((v, t) => (side === 'experiment' ? v + (20 * t) / STEPS : v))),
  errorScenario('ab-weights', 'A/B 2× errors while weights change', true, { requestsPerStep: 25, errorRate: 0.01, canaryFactor: 2, shares: [1 / 3, 1 / 3, 1 / 2, 1 / 2, 2 / 3, 2 / 3] }),
];

