import { describe, expect, it } from 'vitest';
import { stageContext } from '../testing';
import { kayentaCanary } from '.';

// A stage saved before the bounds existed (or written by an expression) must fail with a reason, not
// make the worker build 144 million intervals.
describe('kayentaCanary with an unbounded analysis', () => {
  it('fails at once, naming the field', async () => {
    const canaryConfig = { canaryConfigId: 'c', lifetimeDuration: 'P100000D', canaryAnalysisIntervalMins: 1, scopes: [{ controlScope: 'baseline', experimentScope: 'canary' }] };
    const result = await kayentaCanary.run(stageContext(kayentaCanary, { canaryConfig }));
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^The canary analysis cannot be planned: canaryConfig\.lifetimeDuration must be at most 30 days/) });
  });
});
