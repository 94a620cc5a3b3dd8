import { describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../errors';
import { pipeline } from './pipeline';
import { runAgain, stageContext } from './testing';
import type { StageServices } from './types';

const config = { application: 'payments', pipeline: 'pipe-123', pipelineParameters: { version: '1.2.3', replicas: 3, flags: { a: 1 }, empty: null } };
const started = { executionId: 'child-1', name: 'Deploy payments' };

function summaryOf(status: string, outputs: Record<string, unknown> = {}) {
  return vi.fn<StageServices['executionSummary']>(async () => ({ id: 'child-1', name: 'Deploy payments', status, outputs }));
}

describe('pipeline stage', () => {
  it('starts the child with string parameters and waits for it', async () => {
    const startChildPipeline = vi.fn<StageServices['startChildPipeline']>(async () => started);
    const ctx = stageContext(pipeline, config, { services: { startChildPipeline } });
    const first = await pipeline.run(ctx);
    expect(startChildPipeline).toHaveBeenCalledWith({ application: 'payments', pipelineId: 'pipe-123', parameters: { version: '1.2.3', replicas: '3', flags: '{"a":1}' } });
    expect(first).toMatchObject({
      status: 'running',
      state: { childId: 'child-1', childName: 'Deploy payments' },
      pollAfterMs: 2_000,
      tasks: [{ name: 'Start pipeline', status: 'SUCCEEDED' }, { name: 'Wait for pipeline', status: 'RUNNING' }],
    });
  });

  it('succeeds at once without waiting when waitForCompletion is false', async () => {
    const ctx = stageContext(pipeline, { ...config, waitForCompletion: false }, { services: { startChildPipeline: async () => started } });
    expect(await pipeline.run(ctx)).toEqual({
      status: 'succeeded',
      outputs: { executionId: 'child-1', executionName: 'Deploy payments' },
      tasks: [{ name: 'Start pipeline', status: 'SUCCEEDED' }],
    });
  });

  it('defaults the application to this execution’s', async () => {
    const startChildPipeline = vi.fn<StageServices['startChildPipeline']>(async () => started);
    await pipeline.run(stageContext(pipeline, { application: '', pipeline: 'p' }, { services: { startChildPipeline }, application: 'shop' }));
    expect(startChildPipeline).toHaveBeenCalledWith(expect.objectContaining({ application: 'shop' }));
  });

  it('fails with the reason when the child cannot start', async () => {
    const ctx = stageContext(pipeline, config, { services: { startChildPipeline: () => Promise.reject(new NotFoundError('Pipeline pipe-123 not found')) } });
    expect(await pipeline.run(ctx)).toMatchObject({ status: 'failed', reason: 'Could not start pipeline pipe-123 of payments: Pipeline pipe-123 not found' });
  });

  it('fails with the reason of a plain error too', async () => {
    const refuse = () => Promise.reject(new Error('This execution may not start pipelines of application payments'));
    expect(await pipeline.run(stageContext(pipeline, config, { services: { startChildPipeline: refuse } }))).toMatchObject({
      status: 'failed',
      reason: 'Could not start pipeline pipe-123 of payments: This execution may not start pipelines of application payments',
    });
  });

  it('lets the error through when the worker is shutting down, so the stage runs again elsewhere', async () => {
    const controller = new AbortController();
    const ctx = stageContext(pipeline, config, { services: { startChildPipeline: () => Promise.reject(new Error('aborted')) } });
    ctx.signal = controller.signal;
    controller.abort();
    await expect(pipeline.run(ctx)).rejects.toThrow('aborted');
  });

  it('keeps polling while the child runs, then succeeds with its outputs', async () => {
    const executionSummary = summaryOf('RUNNING');
    const ctx = stageContext(pipeline, config, { state: { childId: 'child-1', childName: 'Deploy payments' }, services: { executionSummary } });
    const polled = await pipeline.run(ctx);
    expect(polled).toMatchObject({ status: 'running', pollAfterMs: 2_000, outputs: { status: 'RUNNING' } });
    executionSummary.mockResolvedValue({ id: 'child-1', name: 'Deploy payments', status: 'SUCCEEDED', outputs: { image: 'payments:7', status: 'ignored' } });
    expect(await runAgain(pipeline, ctx, polled)).toEqual({
      status: 'succeeded',
      outputs: { image: 'payments:7', executionId: 'child-1', executionName: 'Deploy payments', status: 'SUCCEEDED' },
      tasks: [{ name: 'Start pipeline', status: 'SUCCEEDED' }, { name: 'Wait for pipeline', status: 'SUCCEEDED' }],
    });
  });

  it.each(['TERMINAL', 'CANCELED', 'STOPPED'])('fails when the child ends %s', async (status) => {
    const ctx = stageContext(pipeline, config, { state: { childId: 'child-1', childName: 'Deploy payments' }, services: { executionSummary: summaryOf(status) } });
    expect(await pipeline.run(ctx)).toMatchObject({ status: 'failed', reason: `Child pipeline Deploy payments ended ${status}; open execution child-1 to see why` });
  });

  it('fails when the child execution has disappeared', async () => {
    const ctx = stageContext(pipeline, config, { state: { childId: 'child-1', childName: 'Deploy payments' }, services: { executionSummary: async () => undefined } });
    expect(await pipeline.run(ctx)).toMatchObject({ status: 'failed', reason: 'Child pipeline Deploy payments (execution child-1) no longer exists; it may have been deleted' });
  });

  it('cancels the child when canceled, and does nothing before it started', async () => {
    const cancelExecution = vi.fn<StageServices['cancelExecution']>(async () => undefined);
    await pipeline.cancel?.(stageContext(pipeline, config, { services: { cancelExecution } }));
    expect(cancelExecution).not.toHaveBeenCalled();
    await pipeline.cancel?.(stageContext(pipeline, config, { state: { childId: 'child-1', childName: 'x' }, services: { cancelExecution } }));
    expect(cancelExecution).toHaveBeenCalledWith('child-1', 'parent canceled');
  });
});
