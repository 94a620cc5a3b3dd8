import { describe, expect, it } from 'vitest';
import type { TriggerAttemptInput } from '../db/trigger-attempts';
import type { StartOutcome, StartRequest } from '../engine/start-types';
import { deliveryKey, dispatch } from './dispatch';
import type { PipelineDecision, TriggerPipeline } from './evaluate';

const pipeline = (id: string): TriggerPipeline => ({ id, application: 'shop', name: id, disabled: false, triggers: [] });
const start = (id: string): PipelineDecision => ({ kind: 'start', pipeline: pipeline(id), triggerIndex: 0, trigger: { type: 'git' } });

function deps(outcomes: Record<string, StartOutcome | Error>) {
  const requests: StartRequest[] = [];
  const recorded: TriggerAttemptInput[] = [];
  return {
    requests,
    recorded,
    deps: {
      start: async (request: StartRequest) => {
        requests.push(request);
        const outcome = outcomes[request.pipelineId];
        if (!outcome) throw new Error('unexpected start');
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
      record: async (list: TriggerAttemptInput[]) => {
        recorded.push(...list);
      },
      serviceAccounts: () => [{ name: 'shop-deployer', roles: ['deployers'] }],
    },
  };
}

const context = { source: 'github' as const, deliveryId: 'D', unwatchedReason: 'no pipeline triggers on a/b', details: { repository: 'a/b' } };

describe('dispatch', () => {
  it('reports each engine outcome and records only what never reached the engine', async () => {
    const world = deps({ a: { kind: 'started', executionId: 'E1' }, b: { kind: 'queued', executionId: 'E2' }, c: { kind: 'duplicate', reason: 'seen' }, d: { kind: 'refused', reason: 'unmatched expected artifact' } });
    const report = await dispatch([start('a'), start('b'), start('c'), start('d'), { kind: 'ignored', pipeline: pipeline('e'), reason: 'branch' }], context, world.deps);
    expect(report.results).toEqual([
      { pipelineId: 'a', application: 'shop', outcome: 'started', executionId: 'E1' },
      { pipelineId: 'b', application: 'shop', outcome: 'queued', executionId: 'E2' },
      { pipelineId: 'c', application: 'shop', outcome: 'duplicate', reason: 'seen' },
      { pipelineId: 'd', application: 'shop', outcome: 'refused', reason: 'unmatched expected artifact' },
      { pipelineId: 'e', application: 'shop', outcome: 'ignored', reason: 'branch' },
    ]);
    expect(world.recorded).toEqual([{ source: 'github', deliveryId: 'D', details: { repository: 'a/b' }, application: 'shop', pipelineId: 'e', outcome: 'ignored', reason: 'branch' }]);
    expect(world.requests.map((r) => r.delivery)).toEqual(['a', 'b', 'c', 'd'].map((id) => ({ source: 'github', id: deliveryKey('D', id) })));
  });

  it('records one attempt when nothing watches the event', async () => {
    const world = deps({});
    expect(await dispatch([], context, world.deps)).toEqual({ results: [], message: 'no pipeline triggers on a/b' });
    expect(world.recorded).toEqual([{ source: 'github', deliveryId: 'D', details: { repository: 'a/b' }, outcome: 'ignored', reason: 'no pipeline triggers on a/b' }]);
  });

  it('starts without a delivery claim when the sender gives no delivery id', async () => {
    const world = deps({ a: { kind: 'started', executionId: 'E1' } });
    await dispatch([start('a')], { ...context, deliveryId: undefined }, world.deps);
    expect(world.requests[0]).not.toHaveProperty('delivery');
  });

  it('lets an engine failure through (the sender retries; the delivery claim keeps that safe)', async () => {
    const world = deps({ a: new Error('database down') });
    await expect(dispatch([start('a')], context, world.deps)).rejects.toThrow('database down');
  });

  it('starts as the trigger\'s service account, or refuses and records why when it is not configured', async () => {
    const world = deps({ a: { kind: 'started', executionId: 'E1' } });
    const runAs = (id: string, runAsUser: string): PipelineDecision => ({ kind: 'start', pipeline: pipeline(id), triggerIndex: 0, trigger: { type: 'git', runAsUser } });
    const report = await dispatch([runAs('a', 'shop-deployer'), runAs('b', 'retired-bot')], context, world.deps);
    expect(world.requests.map((r) => [r.pipelineId, r.authentication])).toEqual([['a', { user: 'shop-deployer', roles: ['deployers'] }]]);
    expect(report.results[1]).toEqual({ pipelineId: 'b', application: 'shop', outcome: 'refused', reason: expect.stringContaining('service account "retired-bot", which is not configured') });
    expect(world.recorded).toEqual([{ source: 'github', deliveryId: 'D', details: { repository: 'a/b' }, application: 'shop', pipelineId: 'b', outcome: 'refused', reason: report.results[1]?.reason }]);
  });
});
