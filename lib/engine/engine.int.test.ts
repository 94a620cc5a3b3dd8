import { beforeAll, describe, expect, it } from 'vitest';
import { executionState, finished, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '../db/applications';
import { cancelExecution, pauseExecution, restartStage, resumeExecution, skipRemainingWait } from './actions';

useTestDatabase();
useEngine();
beforeAll(async () => {
  await createApplication({ name: 'eng', ownerEmail: 'e@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: ['release-managers'] } });
});

const wait = (refId: string, requisites: string[] = [], seconds = 0, extra: Record<string, unknown> = {}) => ({ refId, requisiteStageRefIds: requisites, type: 'wait', name: `Wait ${refId}`, waitTime: seconds, ...extra });
const check = (refId: string, requisites: string[], ok: boolean | string, extra: Record<string, unknown> = {}) => ({
  refId,
  requisiteStageRefIds: requisites,
  type: 'checkPreconditions',
  name: `Check ${refId}`,
  preconditions: [{ type: 'expression', context: { expression: typeof ok === 'string' ? ok : ok ? '${true}' : '${false}', failureMessage: `check ${refId} failed` }, failPipeline: true }],
  ...extra,
});
const statuses = (e: Awaited<ReturnType<typeof executionState>>) => Object.fromEntries(e.stages.filter((s) => !s.parentStageId).map((s) => [s.refId, s.status]));

describe('engine: the DAG', () => {
  it('runs a linear pipeline in order and succeeds', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [wait('a'), wait('b', ['a']), wait('c', ['b'])] }));
    const e = await waitFor(id, finished);
    expect(e.status).toBe('SUCCEEDED');
    const [a, b, c] = ['a', 'b', 'c'].map((r) => stageByRef(e, r));
    expect(a?.endTime?.getTime()).toBeLessThanOrEqual(b?.startTime?.getTime() ?? 0);
    expect(b?.endTime?.getTime()).toBeLessThanOrEqual(c?.startTime?.getTime() ?? 0);
  });

  it('fans out and joins: the join waits for every parent', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [wait('a'), wait('b', ['a'], 1), wait('c', ['a']), wait('d', ['b', 'c'])] }));
    const e = await waitFor(id, finished);
    expect(statuses(e)).toEqual({ a: 'SUCCEEDED', b: 'SUCCEEDED', c: 'SUCCEEDED', d: 'SUCCEEDED' });
    expect(stageByRef(e, 'd').startTime?.getTime()).toBeGreaterThanOrEqual(stageByRef(e, 'b').endTime?.getTime() ?? Infinity);
  });

  it('a failing stage (failPipeline, the default) fails the pipeline, cancels the other branch and never starts downstream', async () => {
    // `w` gives the other branch time to be running when `a` fails.
    const id = await trigger(await savePipeline('eng', { stages: [wait('w', [], 1), check('a', ['w'], false), wait('b', [], 30), wait('c', ['a'])] }));
    const e = await waitFor(id, finished);
    expect(e.status).toBe('TERMINAL');
    expect(statuses(e)).toEqual({ w: 'SUCCEEDED', a: 'TERMINAL', b: 'CANCELED', c: 'NOT_STARTED' });
    expect((stageByRef(e, 'a').context.exception as { details: { error: string } }).details.error).toMatch(/check a failed/);
  });

  it('failPipeline false halts only its branch (STOPPED) and the pipeline succeeds', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [check('a', [], false, { failPipeline: false }), wait('b'), wait('c', ['a']), wait('d', ['b'])] }));
    const e = await waitFor(id, finished);
    expect(e.status).toBe('SUCCEEDED');
    expect(statuses(e)).toEqual({ a: 'STOPPED', b: 'SUCCEEDED', c: 'NOT_STARTED', d: 'SUCCEEDED' });
  });

  it('continuePipeline ignores the failure (FAILED_CONTINUE) and downstream runs', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [check('a', [], false, { failPipeline: false, continuePipeline: true }), wait('b', ['a'])] }));
    const e = await waitFor(id, finished);
    expect(e.status).toBe('SUCCEEDED');
    expect(statuses(e)).toEqual({ a: 'FAILED_CONTINUE', b: 'SUCCEEDED' });
  });

  it('completeOtherBranchesThenFail lets other branches finish, then fails the pipeline', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [check('a', [], false, { failPipeline: false, completeOtherBranchesThenFail: true }), wait('b', [], 1), wait('c', ['b'])] }));
    const e = await waitFor(id, finished);
    expect(e.status).toBe('TERMINAL');
    expect(statuses(e)).toEqual({ a: 'STOPPED', b: 'SUCCEEDED', c: 'SUCCEEDED' });
  });

  it('skips a stage whose stageEnabled is false; downstream still runs', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [wait('a', [], 0, { stageEnabled: { type: 'expression', expression: "parameters.env == 'prod'" } }), wait('b', ['a'])], parameterConfig: [{ name: 'env', default: 'dev' }] }));
    const e = await waitFor(id, finished);
    expect(statuses(e)).toEqual({ a: 'SKIPPED', b: 'SUCCEEDED' });
  });

  it('evaluates expressions when a stage starts: outputs of earlier stages are visible', async () => {
    const id = await trigger(
      await savePipeline('eng', {
        stages: [
          { refId: 'v', requisiteStageRefIds: [], type: 'evaluateVariables', name: 'Vars', variables: [{ key: 'replicas', value: '${#toInt(parameters.n) * 2}' }] },
          check('c', ['v'], "${replicas == 6 and #stage('Vars').status == 'SUCCEEDED'}"),
        ],
        parameterConfig: [{ name: 'n', default: '3' }],
      }),
    );
    const e = await waitFor(id, finished);
    expect(e.status).toBe('SUCCEEDED');
    expect(stageByRef(e, 'v').outputs).toEqual({ replicas: 6 });
  });

  it('fails an unknown stage type at run time with a clear message', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [{ refId: 'x', requisiteStageRefIds: [], type: 'bakeCloudFoundryManifest', name: 'Bake' }] }));
    const e = await waitFor(id, finished);
    expect(e.status).toBe('TERMINAL');
    expect((stageByRef(e, 'x').context.exception as { details: { error: string } }).details.error).toMatch(/cannot run stages of type "bakeCloudFoundryManifest"/);
  });

  it('times a stage out after its stageTimeoutMs', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [wait('a', [], 30, { overrideTimeout: true, stageTimeoutMs: 500 })] }));
    const e = await waitFor(id, finished);
    expect(e.status).toBe('TERMINAL');
    expect(JSON.stringify(stageByRef(e, 'a').context.exception)).toMatch(/did not finish within its timeout/);
  });
});

describe('engine: what people do', () => {
  it('cancels with a reason: running stages end CANCELED, nothing else starts', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [wait('a', [], 30), wait('b', ['a'])] }));
    await waitFor(id, (e) => stageByRef(e, 'a').status === 'RUNNING');
    await cancelExecution(id, 'alice', 'wrong version');
    const e = await waitFor(id, finished);
    expect(e).toMatchObject({ status: 'CANCELED', canceled: true, canceledBy: 'alice', cancellationReason: 'wrong version' });
    expect(statuses(e)).toEqual({ a: 'CANCELED', b: 'NOT_STARTED' });
    await expect(cancelExecution(id, 'alice')).rejects.toThrow(/already finished/);
  });

  it('pauses and resumes, recording who and for how long', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [wait('a', [], 1), wait('b', ['a'])] }));
    await waitFor(id, (e) => stageByRef(e, 'a').status === 'RUNNING');
    await pauseExecution(id, 'bob');
    await waitFor(id, (e) => e.status === 'PAUSED' && stageByRef(e, 'a').status === 'PAUSED');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await executionState(id)).status).toBe('PAUSED');
    await resumeExecution(id, 'bob');
    const e = await waitFor(id, finished);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.paused).toMatchObject({ pausedBy: 'bob', resumedBy: 'bob' });
    expect(Number(e.paused?.pausedMs)).toBeGreaterThanOrEqual(1400);
  });

  it('skips the remaining wait', async () => {
    const id = await trigger(await savePipeline('eng', { stages: [wait('a', [], 3600)] }));
    const running = await waitFor(id, (e) => stageByRef(e, 'a').status === 'RUNNING');
    await skipRemainingWait(id, stageByRef(running, 'a').id, 'carol');
    expect((await waitFor(id, finished, 5000)).status).toBe('SUCCEEDED');
  });

  it('restarts a failed stage: it and everything downstream reset, with who/when/previous error recorded', async () => {
    // `w` lets the sibling branch `d` finish before `b` fails the execution.
    const id = await trigger(await savePipeline('eng', { stages: [wait('a'), wait('w', ['a'], 1), check('b', ['w'], false), wait('c', ['b']), wait('d', ['a'])] }));
    const failed = await waitFor(id, finished);
    expect(statuses(failed)).toEqual({ a: 'SUCCEEDED', w: 'SUCCEEDED', b: 'TERMINAL', c: 'NOT_STARTED', d: 'SUCCEEDED' });
    await restartStage(id, stageByRef(failed, 'b').id, 'dave');
    const again = await waitFor(id, (e) => finished(e) && stageByRef(e, 'b').context.restartDetails !== undefined);
    const details = stageByRef(again, 'b').context.restartDetails as { restartedBy: string; previousException: { details: { error: string } } };
    expect(details.restartedBy).toBe('dave');
    expect(details.previousException.details.error).toMatch(/check b failed/);
    expect(statuses(again)).toEqual({ a: 'SUCCEEDED', w: 'SUCCEEDED', b: 'TERMINAL', c: 'NOT_STARTED', d: 'SUCCEEDED' });
    expect(stageByRef(again, 'a').endTime?.getTime()).toBe(stageByRef(failed, 'a').endTime?.getTime());
  });
});

describe('engine: concurrency', () => {
  it('limitConcurrent queues a second run until the first finishes', async () => {
    const pipelineId = await savePipeline('eng', { limitConcurrent: true, stages: [wait('a', [], 1)] });
    const first = await trigger(pipelineId);
    const second = await trigger(pipelineId);
    await waitFor(first, (e) => e.status === 'RUNNING');
    expect((await executionState(second)).status).toBe('NOT_STARTED');
    const one = await waitFor(first, finished);
    const two = await waitFor(second, finished);
    expect(two.status).toBe('SUCCEEDED');
    expect(stageByRef(two, 'a').startTime?.getTime()).toBeGreaterThanOrEqual(stageByRef(one, 'a').endTime?.getTime() ?? Infinity);
  });

  it('limitConcurrent runs quick successive triggers in trigger order', async () => {
    const pipelineId = await savePipeline('eng', { limitConcurrent: true, stages: [wait('a', [], 0)] });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await trigger(pipelineId));
    const runs = [];
    for (const id of ids) runs.push(await waitFor(id, finished));
    expect(runs.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const starts = runs.map((r) => stageByRef(r, 'a').startTime?.getTime() ?? 0);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('keepWaitingPipelines off keeps only the newest waiting run', async () => {
    const pipelineId = await savePipeline('eng', { limitConcurrent: true, keepWaitingPipelines: false, stages: [wait('a', [], 1)] });
    const first = await trigger(pipelineId);
    await waitFor(first, (e) => e.status === 'RUNNING');
    const second = await trigger(pipelineId);
    const third = await trigger(pipelineId);
    await waitFor(first, finished);
    expect((await waitFor(third, finished)).status).toBe('SUCCEEDED');
    expect(await executionState(second)).toMatchObject({ status: 'CANCELED', canceledBy: 'foresail' });
  });

  it('maxConcurrentExecutions caps parallel runs when limitConcurrent is off', async () => {
    const pipelineId = await savePipeline('eng', { limitConcurrent: false, maxConcurrentExecutions: 2, stages: [wait('a', [], 1)] });
    const ids = [await trigger(pipelineId), await trigger(pipelineId), await trigger(pipelineId)];
    await waitFor(ids[0] ?? '', (e) => e.status === 'RUNNING');
    await waitFor(ids[1] ?? '', (e) => e.status === 'RUNNING');
    expect((await executionState(ids[2] ?? '')).status).toBe('NOT_STARTED');
    for (const id of ids) expect((await waitFor(id, finished)).status).toBe('SUCCEEDED');
  });
});

describe('engine: pipelines of pipelines', () => {
  it('a pipeline stage runs the child, waits for it and exposes its outputs', async () => {
    const child = await savePipeline('eng', { stages: [{ refId: 'v', requisiteStageRefIds: [], type: 'evaluateVariables', name: 'Vars', variables: [{ key: 'image', value: 'web:${parameters.tag}' }] }], parameterConfig: [{ name: 'tag' }] });
    const parent = await trigger(await savePipeline('eng', { stages: [{ refId: 'p', requisiteStageRefIds: [], type: 'pipeline', name: 'Run child', application: 'eng', pipeline: child, pipelineParameters: { tag: 'v42' } }] }));
    const e = await waitFor(parent, finished);
    expect(e.status, JSON.stringify(stageByRef(e, 'p').context.exception)).toBe('SUCCEEDED');
    expect(stageByRef(e, 'p').outputs).toMatchObject({ image: 'web:v42', status: 'SUCCEEDED' });
  });

  it('a pipeline trigger starts the downstream pipeline when the upstream succeeds, with the parent execution', async () => {
    const upstream = await savePipeline('eng', { stages: [wait('a')] });
    const downstream = await savePipeline('eng', { stages: [check('c', [], "${trigger.parentExecution.status == 'SUCCEEDED'}")], triggers: [{ type: 'pipeline', enabled: true, application: 'eng', pipeline: upstream, status: ['successful'] }] });
    const up = await trigger(upstream);
    await waitFor(up, finished);
    const pool = (await import('../db/pool')).getPool();
    let childId: string | undefined;
    for (let i = 0; i < 100 && !childId; i++) {
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM executions WHERE pipeline_id = $1', [downstream]);
      childId = rows[0]?.id;
      if (!childId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(childId).toBeDefined();
    const child = await waitFor(childId ?? '', finished);
    expect(child.status).toBe('SUCCEEDED');
    expect(child.trigger).toMatchObject({ type: 'pipeline', parentPipelineId: upstream, isPipeline: true });
  });
});
