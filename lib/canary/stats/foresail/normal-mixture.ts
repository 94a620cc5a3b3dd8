import { normalCdf } from './distributions';

/**
 * Robbins' normal-mixture boundary (Robbins 1970, "Statistical methods related to the law of the
 * iterated logarithm"; the mSPRT of Johari et al., "Always valid inference", 2017/2022): for an
 * estimate whose standardised value z is a Brownian motion in information time I, the mixture of
 * likelihood ratios exp(θ S − θ² I/2) over θ ~ N(0, τ²) (or its positive half) is a nonnegative
 * martingale with mean 1. Closed forms, with r = τ²·I:
 *   two-sided  Λ = (1 + r)^{-1/2} · exp(z² r / (2(1 + r)))
 *   one-sided  Λ = 2 (1 + r)^{-1/2} · exp(z² r / (2(1 + r))) · Φ(z √(r/(1 + r)))   (θ > 0 only)
 * By Ville's inequality P(Λ ever ≥ 1/α) ≤ α, so the statistic may be checked after every interval.
 * Returned as natural logarithms: e-values of strong effects overflow doubles.
 */
export function normalMixtureLogE(z: number, information: number, tau: number, side: 'up' | 'down' | 'both'): number {
  if (!(information > 0)) return 0;
  // An infinite z (a difference with zero estimated variance) is certain evidence, for its own side.
  if (!Number.isFinite(z)) return side === 'both' || (side === 'up') === z > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const r = tau * tau * information;
  const shrink = r / (1 + r);
  const common = -0.5 * Math.log1p(r) + 0.5 * z * z * shrink;
  if (side === 'both') return common;
  const directed = side === 'up' ? z : -z;
  const tail = normalCdf(directed * Math.sqrt(shrink));
  // ln Φ of a very negative argument: use the Mills-ratio asymptote where Φ underflows.
  const logTail = tail > 1e-300 ? Math.log(tail) : logNormalTail(directed * Math.sqrt(shrink));
  return Math.LN2 + common + logTail;
}

/** ln Φ(x) for x ≪ 0 (asymptotic expansion), where Φ underflows. */
function logNormalTail(x: number): number {
  const a = -x;
  return -0.5 * a * a - Math.log(a) - 0.5 * Math.log(2 * Math.PI) + Math.log1p(-1 / (a * a));
}

/**
 * Half-width, in standard errors, of the two-sided mixture's confidence sequence at e-value
 * threshold `1/α'`: the z at which the two-sided Λ reaches it.
 */
export function normalMixtureRadius(information: number, tau: number, logThreshold: number): number {
  const r = tau * tau * information;
  if (!(r > 0)) return Number.POSITIVE_INFINITY;
  return Math.sqrt(((1 + r) / r) * (2 * logThreshold + Math.log1p(r)));
}
