import { EventEmitter } from 'node:events';
import { Logger, run, type Runner, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { insertPipeline } from '../../lib/db/pipelines';
import { closePool, getPool } from '../../lib/db/pool';
import { startExecution } from '../../lib/engine/start-execution';
import type { StartOutcome, StartRequest } from '../../lib/engine/start-types';
import { workerTasks } from '../../lib/runtime/worker-tasks';
import { watchdogPass } from '../../lib/engine/watchdog';
import { getLogger } from '../../lib/log';
import { parsePipeline } from '../../lib/pipeline';

/**
 * A real engine for integration tests: graphile-worker running the engine's tasks in this process
 * against the file's test database (useTestDatabase must be called first).
 */
export function useEngine(options: { concurrency?: number } = {}): { runner: () => Runner } {
  let runner: Runner | undefined;
  let pool: pg.Pool | undefined;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    // Tests drop their database at the end, which ends idle connections.
    pool.on('error', () => undefined);
    runner = await run({
      pgPool: pool,
      taskList: workerTasks,
      concurrency: options.concurrency ?? 8,
      noHandleSignals: true,
      pollInterval: 500,
      parsedCronItems: [],
      logger: new Logger(() => () => undefined),
      events: new EventEmitter() as WorkerEvents,
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await pool?.end();
    await closePool();
  });
  return { runner: () => runner as Runner };
}

let seq = 0;

/** Saves a pipeline (normalised like the API would) and returns its id. */
export async function savePipeline(application: string, config: Record<string, unknown>): Promise<string> {
  const parsed = parsePipeline({ application, name: `p-${Date.now()}-${seq++}`, ...config });
  if (!parsed.pipeline) throw new Error(`invalid test pipeline: ${JSON.stringify(parsed.issues)}`);
  const id = `pipe-${Date.now().toString(36)}-${seq++}`;
  const normalised = parsed.pipeline as unknown as Record<string, unknown>;
  await insertPipeline({ id, application, name: String(normalised.name), config: { ...normalised, id }, disabled: false, locked: false, by: 'test', action: 'create' });
  return id;
}

export async function trigger(pipelineId: string, extra: Partial<StartRequest> = {}): Promise<string> {
  const outcome: StartOutcome = await startExecution({ pipelineId, source: 'manual', authentication: { user: 'tester', roles: ['release-managers'] }, trigger: { type: 'manual', user: 'tester' }, ...extra });
  if (outcome.kind === 'refused' || outcome.kind === 'duplicate') throw new Error(`not started: ${outcome.reason}`);
  return outcome.executionId;
}

export interface StageState {
  refId: string;
  name: string;
  type: string;
  status: string;
  context: Record<string, unknown>;
  outputs: Record<string, unknown>;
  startTime: Date | null;
  endTime: Date | null;
  parentStageId: string | null;
  id: string;
}

export interface ExecutionState {
  id: string;
  status: string;
  canceled: boolean;
  canceledBy: string | null;
  cancellationReason: string | null;
  paused: Record<string, unknown> | null;
  trigger: Record<string, unknown>;
  stages: StageState[];
}

export async function executionState(id: string): Promise<ExecutionState> {
  const pool = getPool();
  const { rows } = await pool.query('SELECT id, status, canceled, canceled_by, cancellation_reason, paused, trigger FROM executions WHERE id = $1', [id]);
  const e = rows[0];
  if (!e) throw new Error(`no execution ${id}`);
  const stages = await pool.query('SELECT id, ref_id, name, type, status, context, outputs, start_time, end_time, parent_stage_id FROM stage_executions WHERE execution_id = $1 ORDER BY position, ref_id', [id]);
  return {
    id,
    status: e.status,
    canceled: e.canceled,
    canceledBy: e.canceled_by,
    cancellationReason: e.cancellation_reason,
    paused: e.paused,
    trigger: e.trigger,
    stages: stages.rows.map((s) => ({ id: s.id, refId: s.ref_id, name: s.name, type: s.type, status: s.status, context: s.context, outputs: s.outputs, startTime: s.start_time, endTime: s.end_time, parentStageId: s.parent_stage_id })),
  };
}

/** Waits until the execution (or a check on it) is satisfied; fails with its last state otherwise. */
export async function waitFor(id: string, check: (e: ExecutionState) => boolean, timeoutMs = 20_000): Promise<ExecutionState> {
  const deadline = Date.now() + timeoutMs;
  let last = await executionState(id);
  while (Date.now() < deadline) {
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
    last = await executionState(id);
  }
  expect.fail(`timed out; last state: ${JSON.stringify({ status: last.status, stages: last.stages.map((s) => [s.refId, s.status]) })}`);
}

export const finished = (e: ExecutionState) => ['SUCCEEDED', 'TERMINAL', 'CANCELED'].includes(e.status);
export const stageByRef = (e: ExecutionState, refId: string): StageState => {
  const s = e.stages.find((x) => x.refId === refId);
  if (!s) throw new Error(`no stage ${refId}`);
  return s;
};

/** One watchdog pass with test-sized thresholds. */
export async function runWatchdog(redriveAfterMs = 500, giveUpAfterMs = 60_000): Promise<void> {
  await watchdogPass({ intervalMs: 1000, deadWorkerAfterMs: 3000, redriveAfterMs, giveUpAfterMs, log: getLogger().child({ component: 'test-watchdog' }) });
}
