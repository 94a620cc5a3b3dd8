import { describe, expect, it } from 'vitest';
import { WebhookRateLimiter } from './rate-limit';

describe('WebhookRateLimiter', () => {
  const limits = { perSender: { burst: 3, perSecond: 1 }, perEndpoint: { burst: 5, perSecond: 2 } };

  it('a sender gets its burst, then waits for the refill; others are not affected', () => {
    let now = 0;
    const limiter = new WebhookRateLimiter(limits, () => now);
    expect([1, 2, 3].map(() => limiter.admit('github', '10.0.0.1').ok)).toEqual([true, true, true]);
    expect(limiter.admit('github', '10.0.0.1')).toEqual({ ok: false, retryAfterSeconds: 1, reason: 'too many webhook deliveries from this sender; retry later' });
    expect(limiter.admit('docker', '10.0.0.1').ok).toBe(true);
    now = 1_000;
    expect(limiter.admit('github', '10.0.0.1').ok).toBe(true);
  });

  it('the endpoint as a whole is bounded too (rotating sender addresses does not help)', () => {
    const limiter = new WebhookRateLimiter(limits, () => 0);
    const answers = Array.from({ length: 7 }, (_, i) => limiter.admit('webhook:ci', `10.0.0.${i}`));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true, true, false, false]);
    expect(answers[5]).toMatchObject({ reason: 'too many webhook deliveries from all senders together; retry later' });
  });

  it('keeps a bounded number of buckets', () => {
    const limiter = new WebhookRateLimiter({ perSender: { burst: 1, perSecond: 1 }, perEndpoint: { burst: 1e9, perSecond: 1e9 } }, () => 0);
    for (let i = 0; i < 30_000; i++) limiter.admit('github', `spoofed-${i}`);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(10_000);
  });
});
