import 'server-only';
import { summariseExecution, type ExecutionDto, type ExecutionSummary, type StageDto } from '../pipeline/execution';
import { maskSecretKeys, maskStageSecrets } from '../pipeline/secrets';
import { toExecution, toStage, type ExecutionRow, type StageRow } from './engine/rows';
import { getPool } from './pool';

/**
 * Read side of executions: the API's and pages' DTOs, built with a couple of indexed queries.
 * Stage contexts copy the stage config and triggers carry what the sender sent, so both are
 * masked here, where every reader (v1, Gate, pages) gets its DTOs; the engine reads rows instead.
 */

/**
 * The one stage row → plain-data mapper: the API's DTO (its context masked), and with the stored
 * context what stage handlers see (lib/engine/views.ts picks its fields).
 */
export function stageDto(s: StageRow, context: Record<string, unknown> = maskStageSecrets(s.context)): StageDto {
  return {
    id: s.id,
    refId: s.refId,
    type: s.type,
    name: s.name,
    status: s.status,
    requisiteStageRefIds: s.requisiteStageRefIds,
    parentStageId: s.parentStageId,
    syntheticStageOwner: s.syntheticStageOwner,
    startTime: s.startTime?.getTime() ?? null,
    endTime: s.endTime?.getTime() ?? null,
    context,
    outputs: s.outputs,
    tasks: s.tasks,
    lastModified: s.lastModified,
  };
}

function executionDto(e: ExecutionRow, stages: StageDto[]): ExecutionDto {
  return {
    id: e.id,
    type: 'PIPELINE',
    application: e.application,
    name: e.pipelineName,
    pipelineConfigId: e.pipelineId,
    status: e.status,
    buildTime: e.createdAt.getTime(),
    startTime: e.startTime?.getTime() ?? null,
    endTime: e.endTime?.getTime() ?? null,
    canceled: e.canceled,
    canceledBy: e.canceledBy,
    cancellationReason: e.cancellationReason,
    paused: e.paused ? { ...e.paused } : null,
    trigger: maskSecretKeys(e.trigger),
    authentication: { user: e.authentication.user, allowedAccounts: [] },
    origin: e.triggerType === 'manual' ? 'api' : e.triggerType,
    limitConcurrent: e.config.limitConcurrent !== false,
    keepWaitingPipelines: e.config.keepWaitingPipelines === true,
    parentExecutionId: e.parentExecutionId,
    stages,
  };
}

export async function findExecutionDto(id: string): Promise<ExecutionDto | undefined> {
  const pool = getPool();
  const { rows } = await pool.query('SELECT * FROM executions WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return undefined;
  const stages = await pool.query('SELECT * FROM stage_executions WHERE execution_id = $1 ORDER BY position, ref_id', [id]);
  return executionDto(toExecution(row), stages.rows.map((r) => stageDto(toStage(r))));
}

export interface ExecutionFilter {
  /** Only these applications (what the caller may READ). */
  applications: string[];
  pipelineIds?: string[];
  executionIds?: string[];
  statuses?: string[];
  from?: Date;
  to?: Date;
  /** Cursor: ids are ULIDs, so "older than" is "id less than". */
  before?: string;
  limit: number;
  /** Gate's per-pipeline limit: at most this many per pipeline config. */
  perPipeline?: boolean;
  /** Case-insensitive text anywhere in the fields search_text holds (see searchSql). */
  search?: string;
}

/** `%text%` for ILIKE with the text's own wildcards (and the escape character) taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `q`: the search_text column holds the searched fields lower-cased (kept by a trigger, indexed
 * with trigrams; see the execution_search migration), so the pattern is lower-cased too.
 */
const searchSql = 'search_text LIKE ?';

const summaryStageColumns = 'id, execution_id, ref_id, type, name, status, requisite_stage_ref_ids, parent_stage_id, synthetic_stage_owner, position, attempt, waiting, start_time, end_time, last_modified';

/** The WHERE clause of a filter (its `$n` parameters first in `params`), shared by both list views. */
export function executionWhere(filter: ExecutionFilter): { where: string; params: unknown[] } {
  const where = ['application = ANY($1::text[])'];
  const params: unknown[] = [filter.applications];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (filter.pipelineIds?.length) add('pipeline_id = ANY(?::text[])', filter.pipelineIds);
  if (filter.executionIds?.length) add('id = ANY(?::text[])', filter.executionIds);
  if (filter.statuses?.length) add('status = ANY(?::text[])', filter.statuses);
  if (filter.from) add('created_at >= ?', filter.from);
  if (filter.to) add('created_at <= ?', filter.to);
  if (filter.search) add(searchSql, containsPattern(filter.search.toLowerCase()));
  if (filter.before) add('id < ?', filter.before);
  return { where: where.join(' AND '), params };
}

export async function listExecutionSummaries(filter: ExecutionFilter): Promise<{ executions: ExecutionSummary[]; nextCursor: string | null }> {
  const { where, params } = executionWhere(filter);
  params.push(filter.limit + (filter.perPipeline ? 0 : 1));
  const columns = 'id, application, pipeline_id, pipeline_name, status, trigger, trigger_type, trigger_user, authentication, start_time, end_time, canceled, canceled_by, cancellation_reason, paused, parent_execution_id, parent_stage_id, last_progress_at, created_at, config';
  const sql = filter.perPipeline
    ? `SELECT * FROM (SELECT ${columns}, row_number() OVER (PARTITION BY pipeline_id ORDER BY id DESC) AS n FROM executions WHERE ${where}) t WHERE n <= $${params.length} ORDER BY id DESC`
    : `SELECT ${columns} FROM executions WHERE ${where} ORDER BY id DESC LIMIT $${params.length}`;
  const pool = getPool();
  const { rows } = await pool.query(sql, params);
  const page = filter.perPipeline ? rows : rows.slice(0, filter.limit);
  const executions = page.map((r) => toExecution({ ...r, config: { limitConcurrent: r.config?.limitConcurrent, keepWaitingPipelines: r.config?.keepWaitingPipelines } }));
  const stageRows = executions.length > 0 ? (await pool.query(`SELECT ${summaryStageColumns} FROM stage_executions WHERE execution_id = ANY($1::text[]) ORDER BY position, ref_id`, [executions.map((e) => e.id)])).rows : [];
  const byExecution = new Map<string, StageDto[]>();
  for (const r of stageRows) {
    const stage = stageDto(toStage(r));
    const list = byExecution.get(String(r.execution_id)) ?? [];
    list.push(stage);
    byExecution.set(String(r.execution_id), list);
  }
  const last = executions[executions.length - 1];
  return {
    executions: executions.map((e) => {
      const dto = executionDto(e, byExecution.get(e.id) ?? []);
      return { ...dto, stages: dto.stages.map(({ context: _c, outputs: _o, tasks: _t, ...rest }) => rest) };
    }),
    nextCursor: !filter.perPipeline && rows.length > filter.limit && last ? last.id : null,
  };
}

/** Recent executions for the overview page (already filtered to visible applications by the caller). */
export async function listRecentExecutions(applications: string[], limit = 50): Promise<ExecutionSummary[]> {
  return (await listExecutionSummaries({ applications, limit })).executions;
}

/** The execution with stage summaries only (no context, outputs or tasks): what the execution page renders first. */
export async function findExecutionSummary(id: string): Promise<ExecutionSummary | undefined> {
  const pool = getPool();
  const { rows } = await pool.query('SELECT * FROM executions WHERE id = $1', [id]);
  const row = rows[0];
  if (!row) return undefined;
  const stages = await pool.query(`SELECT ${summaryStageColumns} FROM stage_executions WHERE execution_id = $1 ORDER BY position, ref_id`, [id]);
  return summariseExecution(executionDto(toExecution(row), stages.rows.map((r) => stageDto(toStage(r)))));
}

/** Stages of one execution in full (context masked), by id or by type: a stage opened on the execution page. */
export async function findStageDtos(executionId: string, which: { ids?: string[]; types?: string[] }): Promise<StageDto[]> {
  const { rows } = await getPool().query('SELECT * FROM stage_executions WHERE execution_id = $1 AND (id = ANY($2::text[]) OR type = ANY($3::text[])) ORDER BY position, ref_id', [executionId, which.ids ?? [], which.types ?? []]);
  return rows.map((r) => stageDto(toStage(r)));
}
