import 'server-only';
import type { ExecutionRow, StageRow } from '../../db/engine/rows';
import { lockExecution } from '../../db/engine/executions';
import { readStages } from '../../db/engine/stages';
import { type ExecutionPatch, type StagePatch } from '../../db/engine/patches';
import type { Tx } from '../../db/pool';
import { changeExecution, changeStage } from '../effects';

/**
 * One execution, locked for the rest of a transaction, with its stages as they are now. The
 * engine's steps (start a stage, record a result, hand over downstream, complete the execution)
 * work on it in turn and keep it current, so several can run in one transaction.
 */
export interface Locked {
  tx: Tx;
  execution: ExecutionRow;
  stages: StageRow[];
  signal: AbortSignal;
  /** Stages started in this transaction: past a bound, the chain continues in new jobs. */
  started: number;
}

/** Stages started inline in one transaction at most (a long chain of instant stages hands over to jobs). */
export const inlineStartLimit = 50;

export async function lockForWork(tx: Tx, executionId: string, signal: AbortSignal): Promise<Locked | undefined> {
  const execution = await lockExecution(tx, executionId);
  if (!execution) return undefined;
  return { tx, execution, stages: await readStages(tx, executionId), signal, started: 0 };
}

export const stageOf = (l: Locked, id: string): StageRow | undefined => l.stages.find((s) => s.id === id);

/** Writes a stage change with its event and keeps `l.stages` current. */
export async function setStage(l: Locked, stage: StageRow, patch: StagePatch): Promise<StageRow> {
  const next = await changeStage(l.tx, l.execution, stage, patch);
  l.stages = l.stages.map((s) => (s.id === next.id ? next : s));
  return next;
}

/** Writes an execution change with its event and keeps `l.execution` current. */
export async function setExecution(l: Locked, patch: ExecutionPatch): Promise<ExecutionRow> {
  l.execution = await changeExecution(l.tx, l.execution, patch);
  return l.execution;
}

/** Adds stage rows created in this transaction (synthetic children). */
export function addStages(l: Locked, rows: StageRow[]): void {
  l.stages = [...l.stages, ...rows];
}
