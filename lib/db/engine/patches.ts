import type { ExecutionRow, StageRow } from './rows';

/** Which fields of an execution or a stage the engine changes after inserting it, and their columns. */

const executionColumns = {
  status: 'status',
  startTime: 'start_time',
  endTime: 'end_time',
  canceled: 'canceled',
  canceledBy: 'canceled_by',
  cancellationReason: 'cancellation_reason',
  paused: 'paused',
  trigger: 'trigger',
} as const;

const stageColumns = {
  status: 'status',
  context: 'context',
  outputs: 'outputs',
  tasks: 'tasks',
  state: 'state',
  attempt: 'attempt',
  waiting: 'waiting',
  startTime: 'start_time',
  endTime: 'end_time',
  lastModified: 'last_modified',
} as const;

const jsonColumns = new Set(['paused', 'trigger', 'context', 'outputs', 'tasks', 'state', 'last_modified']);

export type ExecutionPatch = Partial<Pick<ExecutionRow, keyof typeof executionColumns>>;
export type StagePatch = Partial<Pick<StageRow, keyof typeof stageColumns>>;

/** `col = $n, …` for the patch's defined fields, numbered from `startAt + 1`, and their values. */
function setClause(patch: Record<string, unknown>, columns: Record<string, string>, startAt: number): { sql: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const column = columns[key];
    if (!column || value === undefined) continue;
    values.push(jsonColumns.has(column) && value !== null ? JSON.stringify(value) : value);
    parts.push(`${column} = $${startAt + values.length}`);
  }
  return { sql: parts.join(', '), values };
}

export const executionSet = (patch: ExecutionPatch, startAt: number) => setClause(patch, executionColumns, startAt);
export const stageSet = (patch: StagePatch, startAt: number) => setClause(patch, stageColumns, startAt);
