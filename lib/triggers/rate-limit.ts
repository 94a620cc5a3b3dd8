/**
 * Token buckets for the anonymous webhook endpoints: each sender address gets a burst and a steady
 * rate per endpoint (`github`, `docker`, `webhook` for every source), and each endpoint as a whole a larger
 * one, so rotating a spoofed X-Forwarded-For cannot flood the trigger-attempts log or the database
 * either. In memory, per web process: with N replicas the limits are N times larger, which is fine
 * for a bound whose job is to stop floods, not to meter.
 */

export interface BucketRule {
  /** Requests allowed at once. */
  burst: number;
  /** Requests per second refilled. */
  perSecond: number;
}

export interface RateLimits {
  perSender: BucketRule;
  perEndpoint: BucketRule;
}

/** GitHub sends a push per repository per push; 120 at once and 2 a second per address is far above a busy organisation. */
export const DEFAULT_RATE_LIMITS: RateLimits = { perSender: { burst: 120, perSecond: 2 }, perEndpoint: { burst: 600, perSecond: 10 } };

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number; reason: string };

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before the full (idle) ones are dropped: a flood of spoofed addresses cannot grow memory without end. */
const MAX_BUCKETS = 10_000;

export class WebhookRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from both the sender's and the endpoint's bucket, or says how long to wait. */
  admit(endpoint: string, sender: string | null): Admission {
    const at = this.now();
    const senderKey = `${endpoint}|${sender ?? 'unknown'}`;
    const endpointKey = `${endpoint}|*`;
    const senderWait = this.waitFor(senderKey, this.limits.perSender, at);
    const endpointWait = this.waitFor(endpointKey, this.limits.perEndpoint, at);
    if (senderWait > 0 || endpointWait > 0) {
      const who = senderWait > 0 ? 'this sender' : 'all senders together';
      return { ok: false, retryAfterSeconds: Math.ceil(Math.max(senderWait, endpointWait)), reason: `too many webhook deliveries from ${who}; retry later` };
    }
    this.take(senderKey, at);
    this.take(endpointKey, at);
    return { ok: true };
  }

  /** Seconds until the bucket holds a token (0: it does now), after refilling it. */
  private waitFor(key: string, rule: BucketRule, at: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: rule.burst, at };
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((at - bucket.at) / 1000) * rule.perSecond);
    bucket.at = at;
    if (!this.buckets.has(key)) this.remember(key, bucket);
    return bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) / rule.perSecond;
  }

  private take(key: string, at: number): void {
    const bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens -= 1;
      bucket.at = at;
    }
  }

  private remember(key: string, bucket: Bucket): void {
    if (this.buckets.size >= MAX_BUCKETS) {
      // Oldest first (Map keeps insertion order); a dropped bucket starts full again, as an idle one would be.
      for (const old of this.buckets.keys()) {
        this.buckets.delete(old);
        if (this.buckets.size < MAX_BUCKETS / 2) break;
      }
    }
    this.buckets.set(key, bucket);
  }
}
