import { describe, expect, it } from 'vitest';
import { manualJudgment } from './manual-judgment';
import { runAgain, stageContext } from './testing';

const HOUR = 3_600_000;

describe('manualJudgment stage', () => {
  it('waits without a wake-up time when no timeout is set', async () => {
    const ctx = stageContext(manualJudgment, { instructions: 'Check the dashboards' });
    expect(await manualJudgment.run(ctx)).toEqual({
      status: 'waiting',
      state: { startedAt: ctx.clock.now() },
      tasks: [{ name: 'Wait for judgment', status: 'RUNNING' }],
    });
  });

  it('continues when judged "continue", exposing the judgment', async () => {
    const ctx = stageContext(manualJudgment, { judgmentInputs: [{ value: 'ship it' }] });
    const first = await manualJudgment.run(ctx);
    Object.assign(ctx.stage.context, { judgmentStatus: 'continue', judgmentInput: 'ship it', lastModified: { user: 'bob' } });
    expect(await runAgain(manualJudgment, ctx, first)).toEqual({
      status: 'succeeded',
      outputs: { judgmentStatus: 'continue', judgmentInput: 'ship it' },
      tasks: [{ name: 'Wait for judgment', status: 'SUCCEEDED' }],
    });
  });

  it('fails when judged "stop", naming the judge and their input', async () => {
    const ctx = stageContext(manualJudgment, {}, { context: { judgmentStatus: 'STOP', judgmentInput: 'error rate too high', lastModified: { user: 'bob' } } });
    expect(await manualJudgment.run(ctx)).toMatchObject({
      status: 'failed',
      reason: 'Stopped by bob: error rate too high',
      outputs: { judgmentStatus: 'stop', judgmentInput: 'error rate too high' },
    });
  });

  it('names the judge from lastModifiedBy, and omits an empty input', async () => {
    const ctx = stageContext(manualJudgment, {}, { context: { judgmentStatus: 'stop', lastModifiedBy: 'carol' } });
    expect(await manualJudgment.run(ctx)).toMatchObject({ status: 'failed', reason: 'Stopped by carol' });
  });

  it('keeps waiting on an unknown judgment status', async () => {
    const ctx = stageContext(manualJudgment, {}, { context: { judgmentStatus: 'maybe' } });
    expect(await manualJudgment.run(ctx)).toMatchObject({ status: 'waiting' });
  });

  it('wakes at the stage timeout and fails then without a judgment', async () => {
    const ctx = stageContext(manualJudgment, { stageTimeoutMs: 2 * HOUR, overrideTimeout: true });
    const start = ctx.clock.now();
    const first = await manualJudgment.run(ctx);
    expect(first).toMatchObject({ status: 'waiting', wakeAtMs: start + 2 * HOUR });

    ctx.clock.advance(HOUR);
    expect(await runAgain(manualJudgment, ctx, first)).toMatchObject({ status: 'waiting', wakeAtMs: start + 2 * HOUR });
    ctx.clock.advance(HOUR);
    expect(await runAgain(manualJudgment, ctx, first)).toEqual({
      status: 'failed',
      reason: 'No judgment within 2h 0m',
      tasks: [{ name: 'Wait for judgment', status: 'TERMINAL' }],
    });
  });

  it('ignores stageTimeoutMs when overrideTimeout is false', async () => {
    const ctx = stageContext(manualJudgment, { stageTimeoutMs: HOUR, overrideTimeout: false });
    const result = await manualJudgment.run(ctx);
    expect(result).toMatchObject({ status: 'waiting' });
    expect(result.status === 'waiting' && result.wakeAtMs).toBeUndefined();
  });

  it('accepts a judgment that arrives just before the deadline', async () => {
    const ctx = stageContext(manualJudgment, { stageTimeoutMs: HOUR });
    const first = await manualJudgment.run(ctx);
    ctx.clock.advance(HOUR + 1);
    ctx.stage.context.judgmentStatus = 'continue';
    expect(await runAgain(manualJudgment, ctx, first)).toMatchObject({ status: 'succeeded' });
  });
});
