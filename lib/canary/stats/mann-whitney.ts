import { normalQuantile } from './normal';
import { ShiftedRanks } from './ranks';
import { zeroin } from './zeroin';

/**
 * Mann-Whitney (Wilcoxon rank-sum) confidence interval and shift estimate for canary − baseline, as
 * Kayenta computes them (reference §1.4). This is R's `wilcox.test(x, y, conf.int = TRUE, exact = FALSE,
 * correct = TRUE)` interval: the normal approximation of U with tie and continuity correction, inverted
 * by root finding. Two Kayenta departures from R are kept on purpose: the estimate also uses the
 * continuity correction, and no p-value is computed (the judge decides from the interval alone).
 */

export class AllObservationsTiedError extends Error {
  constructor() {
    super('cannot compute confidence interval when all observations are tied');
    this.name = 'AllObservationsTiedError';
  }
}

export interface MannWhitneyResult {
  lower: number;
  upper: number;
  estimate: number;
}

/**
 * Standardised, continuity-corrected U − E[U] at shift d, before subtracting the quantile: W(d, zq) of
 * the reference is `standardisedShift(d) − zq`. Non-increasing step function of d.
 */
function standardisedShift(ranks: ShiftedRanks, nx: number, ny: number, d: number): number {
  const { twiceU, tieTerm } = ranks.at(d);
  // Rank sum of x − nx(nx+1)/2 − nx·ny/2 equals U − nx·ny/2; both are exact halves.
  const dz = (twiceU - nx * ny) / 2;
  const correction = dz > 0 ? 0.5 : dz < 0 ? -0.5 : 0;
  // Tie-corrected standard deviation of U, with the operations in Kayenta's (and R's) order.
  const sigma = Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - tieTerm / ((nx + ny) * (nx + ny - 1))));
  if (sigma === 0) throw new AllObservationsTiedError();
  return (dz - correction) / sigma;
}

/**
 * CI and estimate from the ascending canary (x) and baseline (y) samples, both non-empty.
 * confidenceLevel is two-sided (0.98 in Kayenta's judge). `ranks` may be shared with the CLES.
 */
export function mannWhitney(
  canarySorted: Float64Array,
  baselineSorted: Float64Array,
  confidenceLevel: number,
  ranks = new ShiftedRanks(canarySorted, baselineSorted),
): MannWhitneyResult {
  const nx = canarySorted.length;
  const ny = baselineSorted.length;
  const muMin = (canarySorted[0] as number) - (baselineSorted[baselineSorted.length - 1] as number);
  const muMax = (canarySorted[canarySorted.length - 1] as number) - (baselineSorted[0] as number);
  const base = (d: number): number => standardisedShift(ranks, nx, ny, d);

  // W(d, zq) = base(d) − zq; the endpoint values are shared by all three searches.
  const atMin = base(muMin);
  const atMax = base(muMax);
  const root = (zq: number): number => {
    const fLower = atMin - zq;
    const fUpper = atMax - zq;
    // In extreme cases (e.g. complete separation) the bound is an end of the range.
    if (fLower <= 0) return muMin;
    if (fUpper >= 0) return muMax;
    return zeroin((d) => base(d) - zq, muMin, muMax, fLower, fUpper);
  };

  // z is negative: the lower limit solves W = −z (> 0), the upper limit W = +z.
  const z = normalQuantile((1 - confidenceLevel) / 2);
  const lower = root(-z);
  const upper = root(z);
  // No endpoint short-cut for the estimate: Kayenta runs the solver on [muMin, muMax] directly.
  const estimate = zeroin(base, muMin, muMax, atMin, atMax);
  return { lower, upper, estimate };
}
