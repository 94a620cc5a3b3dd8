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
    -1.3026537197817094, 0.6419697923564902, 0.019476473204185836, -0.00956151478680863, -0.000946595344482036, 0.000366839497852761, 4.2523324806907e-05, -2.0278578112534e-05,
    -1.624290004647e-06, 1.30365583558e-06, 1.5626441722e-08, -8.5238095915e-08, 6.529054439e-09, 5.059343495e-09, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12,
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

const LANCZOS = [57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 3.399464998481189e-05, 4.652362892704858e-05, -9.837447530487956e-05, 0.0001580887032249125, -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639, 8.441822398385275e-05, -2.6190838401581408e-05, 3.6899182659531625e-06];

/** ln Γ(x) for x > 0 (Lanczos, NR `gammln`, ~1e-15 relative). */
export function logGamma(x: number): number {
  let y = x;
  const tmp = x + 5.2421875;
  const t = (x + 0.5) * Math.log(tmp) - tmp;
  let ser = 0.9999999999999971;
  for (const c of LANCZOS) ser += c / ++y;
  return t + Math.log((2.5066282746310007 * ser) / x);
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
  // Many degrees of freedom: invert the Cornish-Fisher expansion of tEquivalent by Newton's method (error
  // < 1e-4 at df ≥ 100), far cheaper than the continued fraction, which converges slowly there.
  if (df >= 100) {
    let z = t * (1 - 1 / (4 * df));
    for (let i = 0; i < 4; i++) z -= (cornishFisher(z, df) - t) / (1 + (3 * z * z + 1) / (4 * df) + (25 * z ** 4 + 48 * z * z + 3) / (96 * df * df));
    return z;
  }
  const upper = studentTUpper(Math.abs(t), df);
  // For tails beyond what doubles hold, the normal equivalent is at least the t value shrunk by the df.
  if (upper <= 1e-300) return Math.sign(t) * Math.sqrt(2 * 690);
  return -Math.sign(t) * normalQuantile(upper);
}

/** The t(df) quantile with the upper tail probability of a normal deviate z: inverse of normalEquivalent. */
export function tEquivalent(z: number, df: number): number {
  if (!Number.isFinite(df) || df > 1e6) return z;
  if (df >= 100) return cornishFisher(z, df);
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

/** The t(df) quantile of a normal deviate z to O(1/df²) (Cornish-Fisher; Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}
