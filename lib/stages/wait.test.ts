import { describe, expect, it } from 'vitest';
import { runAgain, stageContext } from './testing';
import { wait } from './wait';

describe('wait stage', () => {
  it('waits waitTime seconds from the stage start, then succeeds with no outputs', async () => {
    const ctx = stageContext(wait, { waitTime: '30' });
    const start = ctx.clock.now();
    const first = await wait.run(ctx);
    expect(first).toEqual({ status: 'waiting', state: { until: start + 30_000 }, wakeAtMs: start + 30_000, tasks: [{ name: 'Wait', status: 'RUNNING' }] });

    ctx.clock.advance(29_999);
    expect(await runAgain(wait, ctx, first)).toMatchObject({ status: 'waiting', wakeAtMs: start + 30_000 });
    ctx.clock.advance(1);
    expect(await runAgain(wait, ctx, first)).toEqual({ status: 'succeeded', tasks: [{ name: 'Wait', status: 'SUCCEEDED' }] });
  });

  it('counts from the recorded start time when the handler runs late', async () => {
    const ctx = stageContext(wait, { waitTime: 10 });
    ctx.stage.startTime = ctx.clock.now() - 4_000;
    expect(await wait.run(ctx)).toMatchObject({ status: 'waiting', wakeAtMs: ctx.clock.now() + 6_000 });
  });

  it('ends early when the user skips the remaining wait', async () => {
    const ctx = stageContext(wait, { waitTime: 3_600 });
    const first = await wait.run(ctx);
    ctx.stage.context.skipRemainingWait = true;
    expect(await runAgain(wait, ctx, first)).toMatchObject({ status: 'succeeded' });
  });

  it('succeeds at once for a zero wait', async () => {
    expect(await wait.run(stageContext(wait, { waitTime: 0 }))).toMatchObject({ status: 'succeeded' });
  });
});
