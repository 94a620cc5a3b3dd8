import 'server-only';
import type { ExecutionListRow, StageStatusSummary } from '../pipeline/execution-list-row';
import { summarizeTrigger } from '../pipeline/trigger-summary';
import { executionWhere, type ExecutionFilter } from './executions';
import { getPool } from './pool';

/**
 * `?view=summary` rows: read only what a row shows. Times come as epoch milliseconds (float8) rather
 * than timestamps — parsing dates was the driver's hottest function for the full rows — and the
 * stages come as one row per execution (its stages' statuses, the in-progress ones named), so no
 * stage row, let alone a context, crosses the wire.
 */

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8 AS ${column}`;
/** Only the trigger fields its summary reads (summarizeTrigger): never parameters or payloads. */
const triggerFields = ['type', 'user', 'hash', 'branch', 'repository', 'tag', 'parentPipelineApplication', 'parentPipelineName', 'cronExpression'];
const triggerSql = `jsonb_strip_nulls(jsonb_build_object(${triggerFields.map((f) => `'${f}', trigger->'${f}'`).join(', ')},
  'parentExecution', jsonb_build_object('id', trigger->'parentExecution'->'id', 'application', trigger->'parentExecution'->'application', 'name', trigger->'parentExecution'->'name'))) AS trigger`;
const columns = `id, application, pipeline_id, pipeline_name, status, trigger_type, trigger_user, ${triggerSql}, canceled, parent_execution_id, ${ms('created_at')}, ${ms('start_time')}, ${ms('end_time')}`;

/** Per execution: its top-level stages' statuses (counted here) and the in-progress ones in run order. */
const stageSummarySql = `SELECT execution_id, array_agg(status) AS statuses,
  jsonb_agg(jsonb_build_object('id', id, 'name', name, 'status', status, 'waiting', waiting) ORDER BY position, ref_id) FILTER (WHERE status IN ('RUNNING', 'PAUSED', 'SUSPENDED')) AS active
  FROM stage_executions WHERE execution_id = ANY($1::text[]) AND parent_stage_id IS NULL GROUP BY execution_id`;

interface StageStatuses {
  execution_id: string;
  statuses: string[];
  active: StageStatusSummary['active'] | null;
}

async function stageSummaries(ids: string[]): Promise<Map<string, StageStatusSummary>> {
  if (ids.length === 0) return new Map();
  const { rows } = await getPool().query<StageStatuses>(stageSummarySql, [ids]);
  return new Map(rows.map((r) => {
    const byStatus: Record<string, number> = {};
    for (const status of r.statuses) byStatus[status] = (byStatus[status] ?? 0) + 1;
    return [r.execution_id, { total: r.statuses.length, byStatus, active: r.active ?? [] }];
  }));
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const millis = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export async function listExecutionRows(filter: ExecutionFilter): Promise<{ executions: ExecutionListRow[]; nextCursor: string | null }> {
  const { where, params } = executionWhere(filter);
  params.push(filter.limit + 1);
  const { rows } = await getPool().query<Record<string, unknown>>(`SELECT ${columns} FROM executions WHERE ${where} ORDER BY id DESC LIMIT $${params.length}`, params);
  const page = rows.slice(0, filter.limit);
  const stages = await stageSummaries(page.map((r) => String(r.id)));
  const executions = page.map((r): ExecutionListRow => {
    const trigger = (r.trigger ?? {}) as Record<string, unknown>;
    const triggerType = String(r.trigger_type);
    return {
      id: String(r.id),
      application: String(r.application),
      name: String(r.pipeline_name),
      pipelineConfigId: text(r.pipeline_id),
      status: String(r.status),
      buildTime: millis(r.created_at) ?? 0,
      startTime: millis(r.start_time),
      endTime: millis(r.end_time),
      canceled: r.canceled === true,
      origin: triggerType === 'manual' ? 'api' : triggerType,
      parentExecutionId: text(r.parent_execution_id),
      trigger: { type: text(trigger.type) ?? triggerType, user: text(r.trigger_user), text: summarizeTrigger(trigger).text },
      stageSummary: stages.get(String(r.id)) ?? { total: 0, byStatus: {}, active: [] },
    };
  });
  const last = page[page.length - 1];
  return { executions, nextCursor: rows.length > filter.limit && last ? String(last.id) : null };
}
