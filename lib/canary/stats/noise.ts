/**
 * The tiny Gaussian jitter Kayenta adds when each side holds a single repeated value (reference §1.6
 * step 4): without it every shift ties all observations and the interval cannot be computed.
 * Kayenta's generator is unseeded; here it is seeded from the metric so that judging the same input
 * twice gives the same numbers (the label does not depend on the draw either way).
 */

/** Uniform [0, 1) generator. */
export type RandomSource = () => number;

/** mulberry32: small, fast and good enough for jitter; not for anything secret. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, used as a stable seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Standard normal draw (Box-Muller). */
function gaussian(random: RandomSource): number {
  const u = 1 - random(); // (0, 1]: log(0) would be -Infinity
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Each value plus N(0, (value·1e-5)²) noise; a value of 0 therefore stays exactly 0. */
export function addNoise(values: Float64Array, random: RandomSource): Float64Array {
  return values.map((x) => x + gaussian(random) * x * 1e-5);
}
