/**
 * The canary's share of events: an anytime-valid test for count metrics (errors, requests, any
 * counter) and, per latency threshold, for histograms (the requests slower than a bucket bound).
 *
 * Model (Lindon & Malek, "Anytime-Valid Inference for Multinomial Count Data", NeurIPS 2022, §5 on
 * time-inhomogeneous Poisson counting processes): canary and baseline events arrive as Poisson
 * processes with intensities ρ_c·e^{δ_c}·λ(t) and ρ_b·e^{δ_b}·λ(t), where λ(t) is any common,
 * unknown time-varying load and ρ the exposure (traffic) of each side. Given that an event happened,
 * it is a canary event with probability θ = ρ_c e^{δ}/(ρ_c e^{δ} + ρ_b), δ = δ_c − δ_b the log rate
 * ratio — whatever λ(t) does. With p0 = ρ_c/(ρ_c + ρ_b) the canary's share of exposure in one
 * interval, θ(δ) = p0 e^δ/(p0 e^δ + 1 − p0) and the log-likelihood ratio of δ against 0 over
 * intervals t is ℓ(δ) = δ·Σx_t − Σ n_t·ln(1 + p0_t(e^δ − 1)) (x canary events of n in all).
 *
 * The test of "rate ratio ≤ r0" mixes the likelihood ratios ℓ(δ0 + g) − ℓ(δ0) over g > 0 with a
 * half-normal prior (scale 1 in log ratio: ratios up to ~2.7× carry most weight), discretised on a
 * grid. Under the null each factor has expectation ≤ 1 per interval (the binomial likelihood ratio
 * is monotone in θ), so the mixture is a nonnegative supermartingale at interval ends and Ville's
 * inequality gives P(ever ≥ 1/α) ≤ α: it may be checked after every interval, with p0 changing per
 * interval (traffic weight steps), at no cost (paper §3, test martingales).
 *
 * Deviation from the paper: p0 is *measured* (requests, or a histogram's total count) in the same
 * interval rather than known. Conditional on each side's exposure count the events are then a
 * sample without replacement, whose likelihood ratio (convex in x) has expectation at most the
 * binomial one (Hoeffding 1963, Thm. 4); the test stays valid, slightly conservative.
 */

export interface ShareObservation {
  /** Events on both sides in the interval (may be fractional: Prometheus `increase()` extrapolates). */
  events: number;
  canaryEvents: number;
  /** Canary's share of exposure in that interval, 0 < p0 < 1. */
  canaryShare: number;
}

const GRID_STEP = 0.1;
const GRID_MAX = 6;
/** Half-normal prior weights on g = GRID_STEP, 2·GRID_STEP, … GRID_MAX (normalised). */
const OFFSETS: readonly number[] = Array.from({ length: Math.round(GRID_MAX / GRID_STEP) }, (_, i) => (i + 1) * GRID_STEP);
const LOG_WEIGHTS: readonly number[] = (() => {
  const raw = OFFSETS.map((g) => -0.5 * g * g);
  const top = Math.max(...raw);
  const log = Math.log(raw.reduce((s, r) => s + Math.exp(r - top), 0)) + top;
  return raw.map((r) => r - log);
})();

/** Log-likelihood ratio ℓ(δ) of log rate ratio δ against 0 over the observations. */
export function shareLogLikelihood(observations: readonly ShareObservation[], delta: number): number {
  if (delta === 0) return 0;
  const growth = Math.expm1(delta);
  let total = 0;
  for (const o of observations) {
    if (o.events <= 0) continue;
    total += delta * o.canaryEvents - o.events * Math.log1p(o.canaryShare * growth);
  }
  return total;
}

function logSumExp(values: readonly number[]): number {
  const top = Math.max(...values);
  if (!Number.isFinite(top)) return top;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - top);
  return top + Math.log(sum);
}

/**
 * ln E of the one-sided test "log rate ratio ≤ boundary" (side up) or "≥ boundary" (side down):
 * the prior-weighted mixture of likelihood ratios of ratios beyond the boundary against it.
 */
export function shareLogEValue(observations: readonly ShareObservation[], boundary: number, side: 'up' | 'down'): number {
  const sign = side === 'up' ? 1 : -1;
  const base = shareLogLikelihood(observations, boundary);
  return logSumExp(OFFSETS.map((g, i) => (LOG_WEIGHTS[i] as number) + shareLogLikelihood(observations, boundary + sign * g) - base));
}

/** Maximum-likelihood log rate ratio (Newton on the concave ℓ), or ±∞ when all events are on one side, null without events. */
export function shareEstimate(observations: readonly ShareObservation[]): number | null {
  let events = 0;
  let canary = 0;
  for (const o of observations) {
    events += o.events;
    canary += o.canaryEvents;
  }
  if (events <= 0) return null;
  if (canary <= 0) return Number.NEGATIVE_INFINITY;
  if (canary >= events) return Number.POSITIVE_INFINITY;
  let delta = 0;
  for (let i = 0; i < 100; i++) {
    let gradient = 0;
    let curvature = 0;
    for (const o of observations) {
      if (o.events <= 0) continue;
      const theta = (o.canaryShare * Math.exp(delta)) / (o.canaryShare * Math.exp(delta) + 1 - o.canaryShare);
      gradient += o.canaryEvents - o.events * theta;
      curvature += o.events * theta * (1 - theta);
    }
    const step = gradient / curvature;
    delta += Math.max(-2, Math.min(2, step));
    if (Math.abs(step) < 1e-10) break;
  }
  return delta;
}

/** The two-sided e-value of "log rate ratio = δ0": the average of both one-sided mixtures. */
function twoSidedLogE(observations: readonly ShareObservation[], delta0: number): number {
  return Math.log(0.5) + logSumExp([shareLogEValue(observations, delta0, 'up'), shareLogEValue(observations, delta0, 'down')]);
}

/**
 * Confidence sequence for the rate ratio at level 1 − 1/threshold: every ratio whose two-sided
 * e-value stays below the threshold (valid at every interval at once, by the same argument as the
 * test). Found by bisection outward from the estimate; null ends are unbounded.
 */
export function shareConfidenceSequence(observations: readonly ShareObservation[], logThreshold: number): { lower: number | null; upper: number | null } {
  const estimate = shareEstimate(observations);
  if (estimate === null) return { lower: null, upper: null };
  const centre = Math.max(-GRID_MAX, Math.min(GRID_MAX, estimate));
  const edge = (direction: 1 | -1): number | null => {
    let inside = centre;
    let outside = centre + direction * 0.5;
    while (twoSidedLogE(observations, outside) < logThreshold) {
      inside = outside;
      outside += direction * (Math.abs(outside - centre) + 0.5);
      if (Math.abs(outside) > 12) return null;
    }
    for (let i = 0; i < 40 && Math.abs(outside - inside) > 1e-4; i++) {
      const mid = (inside + outside) / 2;
      if (twoSidedLogE(observations, mid) < logThreshold) inside = mid;
      else outside = mid;
    }
    return Math.exp(inside);
  };
  return { lower: edge(-1), upper: edge(1) };
}
