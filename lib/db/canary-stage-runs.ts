import 'server-only';
import { getPool } from './pool';

/** A pipeline canary stage as the Canary reports list shows it: scores only, never the stored series. */
export interface CanaryStageRun {
  stageId: string;
  stageName: string;
  status: string;
  executionId: string;
  application: string;
  pipelineName: string;
  startTime: string | null;
  scores: number[];
  thresholds: { pass: number; marginal: number } | null;
}

interface Row {
  stage_id: string;
  stage_name: string;
  status: string;
  execution_id: string;
  application: string;
  pipeline_name: string;
  start_time: Date | null;
  scores: unknown;
  thresholds: unknown;
}

const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.filter((n): n is number => typeof n === 'number') : []);
function thresholdsOf(v: unknown): CanaryStageRun['thresholds'] {
  if (typeof v !== 'object' || v === null) return null;
  const { pass, marginal } = v as { pass?: unknown; marginal?: unknown };
  return typeof pass === 'number' && typeof marginal === 'number' ? { pass, marginal } : null;
}

/**
 * The newest canary stages of the given applications. Only the scores and thresholds are read out of
 * the outputs JSON: `canaryIntervals` holds every point judged and is far too big for a list.
 */
export async function listCanaryStageRuns(applications: string[], types: string[], limit = 100): Promise<CanaryStageRun[]> {
  if (applications.length === 0) return [];
  const { rows } = await getPool().query<Row>(
    `SELECT s.id AS stage_id, s.name AS stage_name, s.status, e.id AS execution_id, e.application, e.pipeline_name, s.start_time,
            s.outputs->'canaryScores' AS scores, s.outputs->'canaryPlan'->'thresholds' AS thresholds
       FROM stage_executions s JOIN executions e ON e.id = s.execution_id
      WHERE s.type = ANY($1) AND e.application = ANY($2) AND s.start_time IS NOT NULL
      ORDER BY s.start_time DESC
      LIMIT $3`,
    [types, applications, limit],
  );
  return rows.map((r) => ({
    stageId: r.stage_id,
    stageName: r.stage_name,
    status: r.status,
    executionId: r.execution_id,
    application: r.application,
    pipelineName: r.pipeline_name,
    startTime: r.start_time ? r.start_time.toISOString() : null,
    scores: numbers(r.scores),
    thresholds: thresholdsOf(r.thresholds),
  }));
}
