/**
 * Upper bounds of a canary analysis (kayentaCanary, canaryRelease, the plan API and CLI). Kayenta
 * has none, but a plan holds one entry per interval, so `P100000D` judged every minute would build
 * 144 million of them in the web server or the worker. Real analyses run minutes to days with a
 * few dozen intervals; these limits leave generous room for those.
 */
export const MAX_CANARY_LIFETIME_DAYS = 30;
export const MAX_CANARY_LIFETIME_MS = MAX_CANARY_LIFETIME_DAYS * 24 * 60 * 60_000;
/** Minute fields (interval, warmup, lookback, baseline offset) are bounded by the same span. */
export const MAX_CANARY_MINUTES = MAX_CANARY_LIFETIME_DAYS * 24 * 60;
export const MAX_CANARY_LIFETIME_HOURS = MAX_CANARY_LIFETIME_DAYS * 24;
export const MAX_CANARY_INTERVALS = 1_000;

const thousands = (n: number) => n.toLocaleString('en-US');

/** Orca's interval: the requested one, or the whole lifetime when it is unset, 0 or longer. */
export function effectiveIntervalMs(lifetimeMs: number, requestedMs: number): number {
  return requestedMs <= 0 || requestedMs > lifetimeMs ? lifetimeMs : requestedMs;
}

/** Why a lifetime is too long, or undefined. */
export function lifetimeProblem(lifetimeMs: number): string | undefined {
  if (lifetimeMs <= MAX_CANARY_LIFETIME_MS) return undefined;
  const days = lifetimeMs / (24 * 60 * 60_000);
  return `must be at most ${MAX_CANARY_LIFETIME_DAYS} days (P${MAX_CANARY_LIFETIME_DAYS}D); this one is ${thousands(Math.round(days * 10) / 10)} days`;
}

/** Why a lifetime split into intervals makes too many of them, or undefined. */
export function intervalCountProblem(lifetimeMs: number, requestedMs: number): string | undefined {
  if (lifetimeMs <= 0) return undefined;
  const count = Math.floor(lifetimeMs / effectiveIntervalMs(lifetimeMs, requestedMs));
  if (count <= MAX_CANARY_INTERVALS) return undefined;
  const shortest = Math.ceil(lifetimeMs / MAX_CANARY_INTERVALS / 60_000);
  return `makes ${thousands(count)} intervals over the lifetime; at most ${thousands(MAX_CANARY_INTERVALS)} are allowed (use an interval of at least ${thousands(shortest)} minutes)`;
}
