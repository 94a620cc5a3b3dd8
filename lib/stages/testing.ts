import 'server-only';
import pino from 'pino';
import { stageRunSchemas, type KnownStageType, type RunStageOf } from '../pipeline';
import type { StageContext, StageHandler, StageResult, StageServices, StageView } from './types';

/** A clock the test moves by hand. */
export interface FakeClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 10, 27, 12, 0, 0)): FakeClock {
  let current = start;
  return {
    now: () => current,
    set: (ms) => (current = ms),
    advance: (ms) => (current += ms),
  };
}

export interface StageTestOptions<S> {
  state?: S;
  /** Runtime context the engine merged in (judgmentStatus, skipRemainingWait, lastModified…). */
  context?: Record<string, unknown>;
  /** Other stages of the execution (for lookups by name). */
  stages?: StageView[];
  /** Only what the test uses; anything else throws so a surprising call is visible. */
  services?: Partial<StageServices>;
  clock?: FakeClock;
  startTime?: number;
  application?: string;
}

export type TestStageContext<T extends KnownStageType, S> = StageContext<T, S> & { clock: FakeClock };

const notStubbed = (name: keyof StageServices) => () => Promise.reject(new Error(`StageServices.${name} was called but the test did not stub it`));

/**
 * A StageContext for unit tests of `handler` (its type and state type come from it). The config goes through the same run schema the engine
 * uses, so coercions and defaults are real (`waitTime: "5"` arrives as 5).
 */
export function stageContext<T extends KnownStageType, S>(handler: StageHandler<T, S>, config: Record<string, unknown>, options: StageTestOptions<S> = {}): TestStageContext<T, S> {
  const { type } = handler;
  const clock = options.clock ?? fakeClock();
  // The schema table is indexed by a generic key, which TypeScript widens to the union of all schemas.
  const parsed = stageRunSchemas[type].parse({ type, refId: '1', name: `Test ${type}`, ...config }) as RunStageOf<T>;
  const stage: StageView & { config: RunStageOf<T> } = {
    id: `stage-${type}`,
    refId: '1',
    type,
    name: parsed.name ?? `Test ${type}`,
    status: 'RUNNING',
    requisiteStageRefIds: [],
    parentStageId: null,
    startTime: options.startTime ?? clock.now(),
    endTime: null,
    context: { ...config, ...options.context },
    outputs: {},
    config: parsed,
  };
  return {
    execution: {
      id: 'execution-1',
      application: options.application ?? 'shop',
      pipelineId: 'pipeline-1',
      pipelineName: 'Deploy shop',
      status: 'RUNNING',
      trigger: { type: 'manual', user: 'alice' },
      authentication: { user: 'alice', roles: ['shop-deployers'] },
    },
    stage,
    state: options.state,
    stages: options.stages ?? [stage],
    now: clock.now,
    clock,
    signal: new AbortController().signal,
    log: pino({ level: 'silent' }),
    services: {
      egressFetch: notStubbed('egressFetch'),
      startChildPipeline: notStubbed('startChildPipeline'),
      executionSummary: notStubbed('executionSummary'),
      cancelExecution: notStubbed('cancelExecution'),
      lastExecutionArtifacts: notStubbed('lastExecutionArtifacts'),
      sealArtifact: notStubbed('sealArtifact'),
      fetchArtifact: notStubbed('fetchArtifact'),
      checkoutArtifact: notStubbed('checkoutArtifact'),
      unsealArtifact: notStubbed('unsealArtifact'),
      helmBinary: () => {
        throw new Error('StageServices.helmBinary was called but the test did not stub it');
      },
      kustomizeBinary: () => {
        throw new Error('StageServices.kustomizeBinary was called but the test did not stub it');
      },
      canaryConfig: notStubbed('canaryConfig'),
      prometheusAccount: notStubbed('prometheusAccount'),
      kubernetes: notStubbed('kubernetes'),
      ...options.services,
    },
  };
}

/** Another stage of the execution, for stageStatus lookups. */
export function otherStage(name: string, status: string, extra: Partial<StageView> = {}): StageView {
  return { id: `stage-${name}`, refId: name, type: 'wait', name, status, requisiteStageRefIds: [], parentStageId: null, startTime: null, endTime: null, context: {}, outputs: {}, ...extra };
}

/**
 * Runs the handler once more as the engine would after `result`: with the state it returned.
 * Throws if the result is final, since the engine would not run the handler again.
 */
export function runAgain<T extends KnownStageType, S>(handler: StageHandler<T, S>, ctx: TestStageContext<T, S>, result: StageResult<S>): Promise<StageResult<S>> {
  if (result.status !== 'running' && result.status !== 'waiting') throw new Error(`The stage already ended ${result.status}`);
  ctx.state = result.state;
  return handler.run(ctx);
}

/**
 * Runs the handler until it ends, as the engine would against a real cluster: again with the state
 * it returned after each 'running', sleeping its pollAfterMs (at most 500 ms) on the real clock the
 * fake one follows. Returns the final result and every output any run reported.
 */
export async function runUntilDone<T extends KnownStageType, S>(handler: StageHandler<T, S>, ctx: TestStageContext<T, S>, maxMs = 60_000): Promise<StageResult<S> & { allOutputs: Record<string, unknown> }> {
  const deadline = Date.now() + maxMs;
  const allOutputs: Record<string, unknown> = {};
  for (;;) {
    ctx.clock.set(Date.now());
    const result = await handler.run(ctx);
    if ('outputs' in result && result.outputs) Object.assign(allOutputs, result.outputs);
    if (result.status !== 'running') return { ...result, allOutputs };
    if (Date.now() > deadline) throw new Error(`still running after ${maxMs} ms`);
    ctx.state = result.state;
    await new Promise((r) => setTimeout(r, Math.min(result.pollAfterMs, 500)));
  }
}
