import { normalQuantile } from '../normal';

/**
 * The few distribution functions the sequential tests need, in plain double precision:
 * - Φ(z) through erfc (W. J. Cody's rational approximations as given in Numerical Recipes, 3rd ed.,
 *   §6.2.2, relative error < 1.2e-7 everywhere, including the far tails the e-values live in);
 * - ln Γ (Lanczos, NR §6.1) and the regularized incomplete beta (NR §6.4, Lentz's continued
 *   fraction), for Student's t distribution.
 */

/** Complementary error function, relative error < 1.2e-7 (NR `erfcc`). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  const coefficients = [
    -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
    -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12,
    -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
  ];
  let d = 0;
  let dd = 0;
  for (let j = coefficients.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + (coefficients[j] as number);
    dd = tmp;
  }
  const result = t * Math.exp(-z * z + 0.5 * ((coefficients[0] as number) + ty * d) - dd);
  return x >= 0 ? result : 2 - result;
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

const LANCZOS = [57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4, 0.368991826595316234e-5];

/** ln Γ(x) for x > 0 (Lanczos, NR `gammln`, ~1e-15 relative). */
export function logGamma(x: number): number {
  let y = x;
  const tmp = x + 5.24218750000000000;
  const t = (x + 0.5) * Math.log(tmp) - tmp;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return t + Math.log((2.5066282746310005 * ser) / x);
}

/** Continued fraction of the incomplete beta (NR `betacf`, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Upper tail P(T > t) of Student's t with `df` degrees of freedom (df may be fractional). */
export function studentTUpper(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? tail : 1 - tail;
}

/**
 * The normal deviate with the same tail probability as t under Student's t(df): Φ⁻¹(F_t(t)).
 * A z statistic whose variance was estimated from few effective observations has t-like tails;
 * mapping it to its normal equivalent before a normal-theory boundary keeps the error rate honest.
 */
export function normalEquivalent(t: number, df: number): number {
  if (!Number.isFinite(df) || df > 1e6) return t;
  const upper = studentTUpper(Math.abs(t), df);
  // For tails beyond what doubles hold, the normal equivalent is at least the t value shrunk by the df.
  if (upper <= 1e-300) return Math.sign(t) * Math.sqrt(2 * 690);
  return -Math.sign(t) * normalQuantile(upper);
}

/** The t(df) quantile with the upper tail probability of a normal deviate z: inverse of normalEquivalent. */
export function tEquivalent(z: number, df: number): number {
  if (!Number.isFinite(df) || df > 1e6) return z;
  const target = normalCdf(-Math.abs(z));
  let lo = 0;
  let hi = Math.abs(z) + 1;
  while (studentTUpper(hi, df) > target && hi < 1e8) hi *= 2;
  for (let i = 0; i < 100 && hi - lo > 1e-10 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTUpper(mid, df) > target) lo = mid;
    else hi = mid;
  }
  return Math.sign(z) * (lo + hi) / 2;
}
