import 'server-only';
import { judgmentRoleKeys } from '../pipeline/judgments';
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
