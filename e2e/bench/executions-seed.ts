import type pg from 'pg';
import { ulidAt } from '../../lib/engine/ids';

export interface SeedOptions {
  application: string;
  /** Pipeline config ids (the pipelines exist already); executions spread over them. */
  pipelines: { id: string; name: string }[];
  count: number;
  /** The newest execution's time; the rest go back one minute each. */
  newest?: number;
}

/**
 * Bulk executions as the engine leaves them: five stages each (wait → deploy → manual judgment →
 * webhook → wait), statuses in realistic proportions (mostly succeeded, some failed or canceled, a
 * few still running at the judgment), git, docker, pipeline and manual triggers with parameters.
 * One INSERT … SELECT per table, so 100,000 executions take seconds, not minutes.
 */
export async function seedExecutions(pool: pg.Pool, options: SeedOptions): Promise<string[]> {
  const newest = options.newest ?? Date.now();
  // ULIDs carry their time: oldest first, one minute apart, so cursor pages walk back in time.
  const ids = Array.from({ length: options.count }, (_, i) => ulidAt(newest - (options.count - 1 - i) * 60_000));
  const pipelineIds = options.pipelines.map((p) => p.id);
  const pipelineNames = options.pipelines.map((p) => p.name);
  await pool.query(
    `INSERT INTO executions (id, application, pipeline_id, pipeline_name, status, trigger, config, trigger_type, trigger_user, authentication, start_time, end_time, canceled, canceled_by, last_progress_at, created_at, updated_at)
     SELECT id, $2, pipeline_ids[1 + n % cardinality(pipeline_ids)], pipeline_names[1 + n % cardinality(pipeline_ids)], status, trigger, '{"limitConcurrent": true}'::jsonb,
            trigger->>'type', trigger->>'user', jsonb_build_object('user', trigger->>'user', 'roles', jsonb_build_array('developers')),
            created, CASE WHEN status = 'RUNNING' THEN NULL ELSE created + interval '4 minutes' END, status = 'CANCELED', CASE WHEN status = 'CANCELED' THEN 'carol' END,
            created, created, created
       FROM (
         SELECT id, n, $3::text[] AS pipeline_ids, $4::text[] AS pipeline_names,
                to_timestamp(($5::bigint - ($6::int - n) * 60000) / 1000.0) AS created,
                CASE WHEN n % 200 = 7 THEN 'RUNNING' WHEN n % 10 = 3 THEN 'TERMINAL' WHEN n % 25 = 4 THEN 'CANCELED' ELSE 'SUCCEEDED' END AS status,
                CASE n % 4
                  WHEN 0 THEN jsonb_build_object('type', 'git', 'source', 'github', 'user', NULL, 'project', 'acme', 'slug', 'web-' || (n % 7), 'branch', CASE WHEN n % 3 = 0 THEN 'main' ELSE 'feature/change-' || (n % 900) END, 'hash', md5(n::text), 'parameters', jsonb_build_object('region', 'eu-west-' || (n % 3), 'version', '2.' || (n % 50) || '.' || n))
                  WHEN 1 THEN jsonb_build_object('type', 'docker', 'user', NULL, 'repository', 'acme/web', 'tag', 'v1.' || (n % 400) || '.' || (n % 10), 'parameters', jsonb_build_object('image', 'acme/web:v1.' || (n % 400)))
                  WHEN 2 THEN jsonb_build_object('type', 'pipeline', 'user', NULL, 'parentPipelineName', 'Build ' || (n % 5), 'parentExecution', jsonb_build_object('name', 'Build ' || (n % 5)), 'parameters', '{}'::jsonb)
                  ELSE jsonb_build_object('type', 'manual', 'user', (ARRAY['alice', 'bob', 'carol', 'dave', 'erin'])[1 + n % 5], 'parameters', jsonb_build_object('ticket', 'OPS-' || n, 'dryRun', 'false'))
                END AS trigger
           FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)
       ) seeded`,
    [ids, options.application, pipelineIds, pipelineNames, newest, options.count],
  );
  // Stage k of five; its status follows the execution's (a running execution waits at the judgment).
  await pool.query(
    `INSERT INTO stage_executions (id, execution_id, ref_id, type, name, status, requisite_stage_ref_ids, position, context, tasks, start_time, end_time, waiting)
     SELECT e.id || '-' || k, e.id, k::text, (ARRAY['wait', 'deployManifest', 'manualJudgment', 'webhook', 'wait'])[k],
            (ARRAY['Settle', 'Deploy to staging', 'Approve production', 'Notify', 'Cool down'])[k], st.status,
            CASE WHEN k = 1 THEN ARRAY[]::text[] ELSE ARRAY[(k - 1)::text] END, k,
            (ARRAY['{"waitTime": 5}', '{"account": "staging", "namespace": "web"}', '{"instructions": "Check the dashboards", "selectedStageRoles": ["release-managers"]}', '{"url": "https://hooks.example.com/x"}', '{"waitTime": 5}'])[k]::jsonb,
            '[]'::jsonb,
            CASE WHEN st.status = 'NOT_STARTED' THEN NULL ELSE e.created_at + (k || ' seconds')::interval END,
            CASE WHEN st.status IN ('NOT_STARTED', 'RUNNING') THEN NULL ELSE e.created_at + (k + 1 || ' seconds')::interval END,
            st.status = 'RUNNING'
       FROM executions e CROSS JOIN generate_series(1, 5) k
       CROSS JOIN LATERAL (SELECT CASE
            WHEN e.status = 'SUCCEEDED' THEN 'SUCCEEDED'
            WHEN e.status = 'RUNNING' THEN CASE WHEN k < 3 THEN 'SUCCEEDED' WHEN k = 3 THEN 'RUNNING' ELSE 'NOT_STARTED' END
            WHEN e.status = 'TERMINAL' THEN CASE WHEN k < 2 THEN 'SUCCEEDED' WHEN k = 2 THEN 'TERMINAL' ELSE 'NOT_STARTED' END
            ELSE CASE WHEN k < 3 THEN 'SUCCEEDED' WHEN k = 3 THEN 'CANCELED' ELSE 'NOT_STARTED' END END AS status) st
      WHERE e.id = ANY($1::text[])`,
    [ids],
  );
  await pool.query('ANALYZE executions');
  await pool.query('ANALYZE stage_executions');
  return ids;
}
