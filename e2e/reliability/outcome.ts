import type pg from 'pg';
import type { EffectCounter } from './effect-counter';

/** What became of a batch of executions: nothing may be lost, stuck or done twice. */
export interface Outcome {
  lost: number;
  unfinished: number;
  /** status → executions */
  counts: Record<string, number>;
  webhookStages: number;
  /** Stages whose side effect was applied more than once (different idempotency keys). */
  duplicated: number;
  /** Webhook stages with no effect at all. */
  missing: number;
  effectsApplied: number;
  deliveries: number;
  redeliveries: number;
}

/** Waits (up to `timeoutMs`) until every execution has finished, then counts effects per webhook stage. */
export async function awaitOutcome(pool: pg.Pool, ids: string[], counter: EffectCounter, timeoutMs: number): Promise<Outcome> {
  const deadline = Date.now() + timeoutMs;
  let unfinished = ids.length;
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ n: string }>("SELECT count(*)::text AS n FROM executions WHERE id = ANY($1) AND status NOT IN ('SUCCEEDED', 'TERMINAL', 'CANCELED')", [ids]);
    unfinished = Number(rows[0]?.n);
    if (unfinished === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const { rows: byStatus } = await pool.query<{ status: string; n: string }>('SELECT status, count(*)::text AS n FROM executions WHERE id = ANY($1) GROUP BY status', [ids]);
  const counts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
  const { rows: stages } = await pool.query<{ id: string }>("SELECT s.id FROM stage_executions s WHERE s.execution_id = ANY($1) AND s.type = 'webhook'", [ids]);
  const keys = [...counter.deliveries.keys()];
  const effectsPerStage = new Map<string, number>();
  for (const key of keys) {
    const stageId = stages.find((s) => key.includes(s.id))?.id ?? key;
    effectsPerStage.set(stageId, (effectsPerStage.get(stageId) ?? 0) + 1);
  }
  const deliveries = [...counter.deliveries.values()].reduce((a, b) => a + b, 0);
  return {
    lost: ids.length - Object.values(counts).reduce((a, b) => a + b, 0),
    unfinished,
    counts,
    webhookStages: stages.length,
    duplicated: [...effectsPerStage.values()].filter((n) => n > 1).length,
    missing: stages.length - effectsPerStage.size,
    effectsApplied: effectsPerStage.size,
    deliveries,
    redeliveries: deliveries - keys.length,
  };
}

/** Where unfinished executions are, for the test log. */
export async function describeStuck(pool: pg.Pool, ids: string[]): Promise<string> {
  const { rows: stuck } = await pool.query(
    "SELECT e.id, e.status, e.last_progress_at, (SELECT json_agg(json_build_array(s.ref_id, s.status, s.attempt, s.waiting)) FROM stage_executions s WHERE s.execution_id = e.id) AS stages, (SELECT json_agg(json_build_object('task', j.task_id, 'attempts', j.attempts, 'max', j.max_attempts, 'run_at', j.run_at, 'locked_at', j.locked_at, 'locked_by', j.locked_by, 'error', left(j.last_error, 200), 'payload', j.payload)) FROM graphile_worker._private_jobs j WHERE j.payload->>'executionId' = e.id) AS jobs FROM executions e WHERE e.id = ANY($1) AND e.status NOT IN ('SUCCEEDED', 'TERMINAL', 'CANCELED')",
    [ids],
  );
  const { rows: heartbeats } = await pool.query('SELECT * FROM worker_heartbeats');
  return `stuck: ${JSON.stringify(stuck, null, 1)}\nheartbeats: ${JSON.stringify(heartbeats)}\n`;
}
