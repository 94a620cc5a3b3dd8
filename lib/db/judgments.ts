import 'server-only';
import { judgmentRoleKeys } from '../pipeline/judgments';
import { executionWhere, type ExecutionFilter } from './executions';
import { getPool } from './pool';

/** A manual judgment stage that is waiting (RUNNING, not yet judged), with what deciding who may judge it needs. */
export interface WaitingJudgmentRow {
  application: string;
  executionId: string;
  executionName: string;
  pipelineConfigId: string | null;
  stageId: string;
  stageName: string;
  waitingSince: number;
  instructions: string | null;
  /** The stage context's role fields, as stored (judgmentRoles() reads them). */
  roleContext: Record<string, unknown>;
}

/**
 * Every waiting manual judgment in these applications, newest first. Running judgments are few
 * next to all stages; the (type, status) index finds them without reading finished executions.
 */
export async function listWaitingJudgments(applications: string[]): Promise<WaitingJudgmentRow[]> {
  if (applications.length === 0) return [];
  const { rows } = await getPool().query(
    `SELECT e.application, e.id AS execution_id, e.pipeline_name, e.pipeline_id, s.id AS stage_id, s.name AS stage_name,
            COALESCE(s.start_time, e.created_at) AS waiting_since, s.context->>'instructions' AS instructions,
            (SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(s.context) WHERE key = ANY($2::text[])) AS role_context
       FROM stage_executions s JOIN executions e ON e.id = s.execution_id
      WHERE s.type = 'manualJudgment' AND s.status = 'RUNNING' AND NOT (s.context ? 'judgmentStatus') AND e.application = ANY($1::text[])
      ORDER BY waiting_since DESC, s.id DESC`,
    [applications, judgmentRoleKeys],
  );
  return rows.map((r) => ({
    application: String(r.application),
    executionId: String(r.execution_id),
    executionName: String(r.pipeline_name),
    pipelineConfigId: r.pipeline_id === null ? null : String(r.pipeline_id),
    stageId: String(r.stage_id),
    stageName: String(r.stage_name),
    waitingSince: (r.waiting_since as Date).getTime(),
    instructions: typeof r.instructions === 'string' && r.instructions !== '' ? r.instructions : null,
    roleContext: r.role_context as Record<string, unknown>,
  }));
}

/** An execution with waiting judgments: the role fields of each (judgmentRoles() reads them). */
export interface AwaitingCandidate {
  id: string;
  application: string;
  roleContexts: Record<string, unknown>[];
}

const runningSql = "s.type = 'manualJudgment' AND s.status = 'RUNNING'";
/** Judged but not yet picked up by the worker: judging again would be refused, so not waiting. */
const unjudgedSql = "NOT (s.context ? 'judgmentStatus')";
const roleFieldsSql = `jsonb_build_object(${judgmentRoleKeys.map((k) => `'${k}', s.context->'${k}'`).join(', ')})`;

/**
 * `awaitingJudgment=me`, one page at a time: the newest `limit` executions matching the filter that
 * have a running judgment, with the role fields of those still waiting (none when all are judged
 * already) — who may decide them is the caller's to say (mayJudge), so it can ask for the next ones
 * after the last id here. Only the page's stage contexts are read, not every running judgment's.
 */
export async function executionsWithWaitingJudgments(filter: ExecutionFilter, limit: number): Promise<AwaitingCandidate[]> {
  const { where, params } = executionWhere(filter);
  params.push(limit);
  const { rows } = await getPool().query<{ id: string; application: string; role_contexts: Record<string, unknown>[] }>(
    `SELECT p.id, p.application, j.role_contexts FROM (
       SELECT e.id, e.application FROM (SELECT id, application FROM executions WHERE ${where}) e
        WHERE EXISTS (SELECT 1 FROM stage_executions s WHERE s.execution_id = e.id AND ${runningSql})
        ORDER BY e.id DESC LIMIT $${params.length}) p
     CROSS JOIN LATERAL (SELECT jsonb_agg(${roleFieldsSql}) AS role_contexts FROM stage_executions s WHERE s.execution_id = p.id AND ${runningSql} AND ${unjudgedSql}) j
     ORDER BY p.id DESC`,
    params,
  );
  return rows.map((r) => ({ id: r.id, application: r.application, roleContexts: r.role_contexts ?? [] }));
}
