import 'server-only';
import { readExecution } from '../../db/engine/executions';
import type { ExecutionRow, StageRow } from '../../db/engine/rows';
import { readStages } from '../../db/engine/stages';
import { getPool, withTransaction } from '../../db/pool';
import { lockForWork, stageOf } from './locked';
import type { RunStagePayload } from './names';
import { runHandler } from './run-handler';
import { recordResult } from './step';

const isRunning = (e: ExecutionRow | undefined, s: StageRow | undefined, attempt: number): s is StageRow => e?.status === 'RUNNING' && s?.status === 'RUNNING' && s.attempt === attempt;

/**
 * Runs a stage's handler once, with no lock held (it may call Kubernetes or a webhook for a
 * while), then records the result under the execution lock — unless the stage moved on meanwhile
 * (canceled, restarted, paused), in which case the result is dropped: the side effect was
 * idempotent or the stage's cancel routine undoes it.
 */
export async function runStageJob(payload: RunStagePayload, signal: AbortSignal): Promise<void> {
  const { executionId, stageId, attempt } = payload;
  const pool = getPool();
  const execution = await readExecution(pool, executionId);
  const stages = execution ? await readStages(pool, executionId) : [];
  const stage = stages.find((s) => s.id === stageId);
  if (!execution || !isRunning(execution, stage, attempt)) return;
  const result = await runHandler(execution, stages, stage, signal);
  await withTransaction(async (tx) => {
    const l = await lockForWork(tx, executionId, signal);
    const current = l ? stageOf(l, stageId) : undefined;
    if (!l || !isRunning(l.execution, current, attempt)) return;
    await recordResult(l, current, result);
  });
}
