import { describe, expect, it } from 'vitest';
import { checkPreconditions } from './check-preconditions';
import { otherStage, stageContext } from './testing';

const run = (preconditions: unknown[], stages = [otherStage('Deploy', 'SUCCEEDED')]) =>
  checkPreconditions.run(stageContext(checkPreconditions, { preconditions }, { stages }));

const expression = (value: unknown, extra: Record<string, unknown> = {}) => ({ type: 'expression', context: { expression: value, ...extra } });

describe('checkPreconditions stage', () => {
  it('passes when every expression is true', async () => {
    const result = await run([expression(true), expression('true')]);
    expect(result).toMatchObject({ status: 'succeeded', tasks: [{ name: 'Check precondition 1 (expression)', status: 'SUCCEEDED' }, { status: 'SUCCEEDED' }] });
  });

  it('fails on a false expression with the author’s failureMessage', async () => {
    expect(await run([expression(false, { failureMessage: 'Only deploy from main' })])).toMatchObject({ status: 'failed', reason: 'Only deploy from main' });
  });

  it.each([
    [false, 'Precondition expression evaluated to false'],
    ['yes', 'Precondition expression evaluated to "yes", not true'],
    [1, 'Precondition expression evaluated to 1, not true'],
    ['${trigger.parameters.missing}', 'Precondition expression could not be evaluated: ${trigger.parameters.missing}'],
    [undefined, 'Precondition expression is empty, so it is not true'],
  ])('fails on %j with a plain reason', async (value, reason) => {
    expect(await run([expression(value)])).toMatchObject({ status: 'failed', reason });
  });

  it('checks another stage’s status by name', async () => {
    const stages = [otherStage('Deploy', 'SUCCEEDED'), otherStage('Canary', 'TERMINAL')];
    expect(await run([{ type: 'stageStatus', context: { stageName: 'Deploy', stageStatus: 'succeeded' } }], stages)).toMatchObject({ status: 'succeeded' });
    expect(await run([{ type: 'stageStatus', context: { stageName: 'Canary', stageStatus: 'SUCCEEDED' } }], stages)).toMatchObject({
      status: 'failed',
      reason: 'Stage "Canary" is TERMINAL, but this precondition expects SUCCEEDED',
    });
    expect(await run([{ type: 'stageStatus', context: { stageName: 'Bake', stageStatus: 'SUCCEEDED' } }], stages)).toMatchObject({
      status: 'failed',
      reason: 'There is no stage named "Bake" in this execution, so its status cannot be checked',
    });
  });

  it('fails clearly on cluster size preconditions (not supported yet)', async () => {
    expect(await run([{ type: 'clusterSize', context: { credentials: 'prod', cluster: 'shop', expected: 3 } }])).toMatchObject({
      status: 'failed',
      reason: 'Cluster size preconditions are not supported yet in this Foresail; use an expression precondition instead',
    });
  });

  it('records a failing precondition with failPipeline false without failing the stage', async () => {
    const result = await run([{ type: 'expression', context: { expression: false }, failPipeline: 'false' }, expression(true)]);
    expect(result).toMatchObject({
      status: 'succeeded',
      outputs: { preconditions: [{ type: 'expression', passed: false, failPipeline: false, message: 'Precondition expression evaluated to false' }, { passed: true }] },
      tasks: [{ status: 'TERMINAL' }, { status: 'SUCCEEDED' }],
    });
  });

  it('reports every failing precondition at once', async () => {
    const result = await run([expression(false), { type: 'stageStatus', context: { stageName: 'Deploy', stageStatus: 'TERMINAL' } }]);
    expect(result).toMatchObject({
      status: 'failed',
      reason: '2 preconditions failed: Precondition expression evaluated to false; Stage "Deploy" is SUCCEEDED, but this precondition expects TERMINAL',
      details: ['Precondition expression evaluated to false', 'Stage "Deploy" is SUCCEEDED, but this precondition expects TERMINAL'],
    });
  });

  it('passes with no preconditions', async () => {
    expect(await run([])).toMatchObject({ status: 'succeeded', tasks: [] });
  });
});
