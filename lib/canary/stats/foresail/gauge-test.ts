import { normalEquivalent, tEquivalent } from './distributions';
import { normalMixtureLogE, normalMixtureRadius } from './normal-mixture';
import { momentMean, momentVariance, pooledAutocorrelation, type SeriesMoments } from './series-moments';

/**
 * Mean comparison for autocorrelated gauge series (CPU, memory, a latency already aggregated per
 * step), made anytime-valid with Robbins' normal mixture.
 *
 * Prometheus `rate()` and gauge series are autocorrelated, so n points carry far less information
 * than n independent ones; Mann-Whitney (Kayenta) treats them as independent and so rejects
 * identical versions far too often. Here each side's series is modelled as stationary AR(1) with a
 * common lag-1 autocorrelation φ (estimated from both sides, bias-corrected), which gives the
 * long-run variance of a mean, γ0·(1 + φ)/(1 − φ), and the effective sample size n(1 − φ)/(1 + φ)
 * (e.g. Box, Jenkins & Reinsel, Time Series Analysis, §2.1.6; Zwiers & von Storch, J. Climate 1995).
 *
 * Why this rather than batch means: a canary interval holds 10–60 points, too few for batches long
 * enough to be independent at φ = 0.8 (the benchmark's AR(1) scenarios measure both choices; see
 * README "Canary analysis"). The estimated variance makes z t-like, so z is mapped to its normal
 * equivalent with Welch–Satterthwaite degrees of freedom from the effective sample sizes before the
 * mixture boundary is applied.
 *
 * Assumptions: stationary within the analysis, AR(1)-like dependence, positive metrics when a ratio
 * boundary (allowed increase) is used. The error guarantee is approximate (plug-in variance), which
 * is why the benchmark reports the false-fail rate at φ = 0.5 and 0.8.
 */

/** Prior standard deviation of the effect, in units of the series' standard deviation. */
export const GAUGE_TAU = 1;

export interface MeanComparison {
  /** canary mean − boundary·baseline mean. */
  difference: number;
  /** Its estimated variance (long-run, AR(1)). */
  variance: number;
  degreesOfFreedom: number;
  autocorrelation: number;
  /** Pooled marginal variance, the unit the prior is expressed in. */
  scale: number;
  canaryMean: number;
  baselineMean: number;
}

/** Compares canary and baseline means with the baseline scaled by `boundary` (1 = plain difference). */
export function compareMeans(canary: SeriesMoments, baseline: SeriesMoments, boundary = 1): MeanComparison | null {
  if (canary.n < 3 || baseline.n < 3) return null;
  const phi = pooledAutocorrelation(canary, baseline);
  const inflation = (1 + phi) / (1 - phi);
  const vc = (momentVariance(canary) * inflation) / canary.n;
  const vb = (boundary * boundary * momentVariance(baseline) * inflation) / baseline.n;
  const canaryMean = momentMean(canary);
  const baselineMean = momentMean(baseline);
  // A floor keeps two constant, equal series from dividing 0 by 0 and constant unequal ones finite.
  const floor = (1e-12 * Math.max(Math.abs(canaryMean), Math.abs(baselineMean), 1e-300)) ** 2;
  const variance = Math.max(vc + vb, floor);
  const essC = Math.max(canary.n / inflation - 1, 0.5);
  const essB = Math.max(baseline.n / inflation - 1, 0.5);
  const df = (vc + vb) ** 2 / ((vc * vc) / essC + (vb * vb) / essB) || 1;
  return {
    difference: canaryMean - boundary * baselineMean,
    variance,
    degreesOfFreedom: Math.max(1, df),
    autocorrelation: phi,
    scale: (momentVariance(canary) + momentVariance(baseline)) / 2,
    canaryMean,
    baselineMean,
  };
}

/** ln e-value that the canary mean exceeds (up) or falls short of (down) the boundary·baseline mean. */
export function meanLogEValue(comparison: MeanComparison, side: 'up' | 'down'): number {
  const z = normalEquivalent(comparison.difference / Math.sqrt(comparison.variance), comparison.degreesOfFreedom);
  const information = comparison.scale > 0 ? comparison.scale / comparison.variance : Number.POSITIVE_INFINITY;
  return normalMixtureLogE(z, Math.min(information, 1e12), GAUGE_TAU, side);
}

/** Confidence sequence of canary mean − baseline mean (comparison made with boundary 1). */
export function meanConfidenceSequence(comparison: MeanComparison, logThreshold: number): { lower: number; upper: number } {
  const information = comparison.scale > 0 ? Math.min(comparison.scale / comparison.variance, 1e12) : 1e12;
  const radius = tEquivalent(normalMixtureRadius(information, GAUGE_TAU, logThreshold), comparison.degreesOfFreedom) * Math.sqrt(comparison.variance);
  return { lower: comparison.difference - radius, upper: comparison.difference + radius };
}

/**
 * Distances from a fixed centre, for the spread test (Brown & Forsythe 1974 with the centre frozen
 * at the first interval's pooled median, so later intervals are judged on the same scale): a
 * variance increase with an unchanged mean (kayenta#780) raises the canary's mean distance.
 */
export function spreadValues(values: Float64Array, centre: number): Float64Array {
  return values.map((v) => Math.abs(v - centre));
}
