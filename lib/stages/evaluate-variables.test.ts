import { describe, expect, it, vi } from 'vitest';
import { evaluateVariables } from './evaluate-variables';
import { stageContext } from './testing';

describe('evaluateVariables stage', () => {
  it('outputs each variable by key, keeping value types', async () => {
    const ctx = stageContext(evaluateVariables, {
      variables: [
        { key: 'current_image', value: 'shop:1.4.2' },
        { key: 'replicas', value: 3 },
        { key: 'flags', value: { canary: true } },
        { key: ' ', value: 'ignored' },
      ],
    });
    expect(await evaluateVariables.run(ctx)).toEqual({
      status: 'succeeded',
      outputs: { current_image: 'shop:1.4.2', replicas: 3, flags: { canary: true } },
      tasks: [{ name: 'Evaluate variables', status: 'SUCCEEDED' }],
    });
  });

  it('fails on an unevaluated expression under failOnFailedExpressions', async () => {
    const ctx = stageContext(evaluateVariables, {
      failOnFailedExpressions: true,
      variables: [{ key: 'ok', value: 1 }, { key: 'image', value: '${#stage("Find").context.artifacts[0].reference}' }],
    });
    const result = await evaluateVariables.run(ctx);
    expect(result).toMatchObject({
      status: 'failed',
      reason: `The expression for "image" could not be evaluated; fix it (the stage's expression summary says why) or turn off failOnFailedExpressions`,
      details: ['image = "${#stage(\\"Find\\").context.artifacts[0].reference}"'],
    });
  });

  it('otherwise passes the text on as written and notes it in the log', async () => {
    const ctx = stageContext(evaluateVariables, { variables: [{ key: 'list', value: ['a', '${missing}'] }] });
    const warn = vi.spyOn(ctx.log, 'warn');
    expect(await evaluateVariables.run(ctx)).toMatchObject({ status: 'succeeded', outputs: { list: ['a', '${missing}'] } });
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ variables: ['list'] }), expect.stringContaining('did not evaluate'));
  });
});
