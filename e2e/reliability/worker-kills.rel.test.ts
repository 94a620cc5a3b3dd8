import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../lib/db/applications';
import { getPool } from '../../lib/db/pool';
import { reloadConfig } from '../../lib/env';
import { savePipeline, trigger } from '../runner/engine-harness';
import { useTestDatabase } from '../runner/test-database';
import { startEffectCounter, type EffectCounter } from './effect-counter';
import { startWorkers, type WorkerFleet } from './workers';

// R1: worker processes are SIGKILLed at random moments while pipelines with side effects run.
// Nothing may be lost (every execution finishes), stuck (none left running) or done twice
// (every side effect applied exactly once; redelivering the same idempotency key is allowed).
const kills = Number(process.env.R1_KILLS ?? 50);
const executions = 60;

useTestDatabase();
let counter: EffectCounter;
let fleet: WorkerFleet;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-r1-'));

beforeAll(async () => {
  counter = await startEffectCounter();
  const config = path.join(dir, 'foresail.yaml');
  fs.writeFileSync(config, stringify({ egress: { allow: ['127.0.0.1'] }, worker: { heartbeatSeconds: 1, stalledAfterSeconds: 5, concurrency: 6 } }));
  process.env.FORESAIL_CONFIG = config;
  reloadConfig();
  await createApplication({ name: 'chaos', ownerEmail: 'c@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
  fleet = startWorkers(2, { DATABASE_URL: process.env.DATABASE_URL ?? '', FORESAIL_CONFIG: config, LOG_LEVEL: 'warn' }, path.join(dir, 'workers.log'));
});

afterAll(async () => {
  await fleet?.stop();
  await counter?.close();
  delete process.env.FORESAIL_CONFIG;
  reloadConfig();
  fs.rmSync(dir, { recursive: true, force: true });
});

const effect = (refId: string, requisites: string[]) => ({ refId, requisiteStageRefIds: requisites, type: 'webhook', name: `Effect ${refId}`, url: `${counter.url}/effect`, method: 'POST', payload: { stage: refId } });

describe('reliability', () => {
  it(`R1: ${kills} SIGKILLs of workers while pipelines run → 0 lost, 0 stuck, 0 duplicated side effects`, { timeout: 600_000 }, async () => {
    const pipelineId = await savePipeline('chaos', {
      limitConcurrent: false,
      stages: [
        effect('a', []),
        { refId: 'w', requisiteStageRefIds: ['a'], type: 'wait', name: 'Pause', waitTime: 1 },
        effect('b', ['w']),
        effect('c', ['w']),
        { refId: 'v', requisiteStageRefIds: ['b', 'c'], type: 'evaluateVariables', name: 'Vars', variables: [{ key: 'done', value: 'yes' }] },
        effect('d', ['v']),
      ],
    });
    const ids: string[] = [];
    const started = Date.now();
    for (let i = 0; i < kills; i++) {
      if (ids.length < executions) ids.push(await trigger(pipelineId), await trigger(pipelineId));
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 700));
      await fleet.killOne(Math.floor(Math.random() * 2));
    }
    while (ids.length < executions) ids.push(await trigger(pipelineId));

    const pool = getPool();
    const deadline = Date.now() + 240_000;
    let unfinished = ids.length;
    while (Date.now() < deadline) {
      const { rows } = await pool.query<{ n: string }>("SELECT count(*)::text AS n FROM executions WHERE id = ANY($1) AND status NOT IN ('SUCCEEDED', 'TERMINAL', 'CANCELED')", [ids]);
      unfinished = Number(rows[0]?.n);
      if (unfinished === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const { rows: byStatus } = await pool.query<{ status: string; n: string }>('SELECT status, count(*)::text AS n FROM executions WHERE id = ANY($1) GROUP BY status', [ids]);
    const counts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
    const { rows: stages } = await pool.query<{ id: string; attempt: number }>("SELECT s.id, s.attempt FROM stage_executions s WHERE s.execution_id = ANY($1) AND s.type = 'webhook'", [ids]);

    const lost = ids.length - Object.values(counts).reduce((a, b) => a + b, 0);
    const keys = [...counter.deliveries.keys()];
    const effectsPerStage = new Map<string, number>();
    for (const key of keys) {
      const stageId = stages.find((s) => key.includes(s.id))?.id ?? key;
      effectsPerStage.set(stageId, (effectsPerStage.get(stageId) ?? 0) + 1);
    }
    const duplicated = [...effectsPerStage.values()].filter((n) => n > 1).length;
    const missing = stages.length - effectsPerStage.size;
    const deliveries = [...counter.deliveries.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(
      `R1: ${kills} worker SIGKILLs, ${ids.length} executions in ${Math.round((Date.now() - started) / 1000)} s → ${lost} lost, ${unfinished} stuck, ${duplicated} duplicated side effects ` +
        `(${stages.length} webhook stages, ${effectsPerStage.size} effects applied once, ${deliveries} deliveries incl. ${deliveries - keys.length} redeliveries of a key, ${counter.unkeyed} unkeyed); statuses ${JSON.stringify(counts)}\n`,
    );
    if (unfinished > 0) {
      const { rows: stuck } = await pool.query("SELECT e.id, e.status, e.last_progress_at, (SELECT json_agg(json_build_array(s.ref_id, s.status, s.attempt, s.waiting)) FROM stage_executions s WHERE s.execution_id = e.id) AS stages, (SELECT json_agg(json_build_object('task', j.task_id, 'attempts', j.attempts, 'max', j.max_attempts, 'run_at', j.run_at, 'locked_at', j.locked_at, 'locked_by', j.locked_by, 'error', left(j.last_error, 200), 'payload', j.payload)) FROM graphile_worker._private_jobs j WHERE j.payload->>'executionId' = e.id) AS jobs FROM executions e WHERE e.id = ANY($1) AND e.status NOT IN ('SUCCEEDED', 'TERMINAL', 'CANCELED')", [ids]);
      process.stdout.write(`stuck: ${JSON.stringify(stuck, null, 1)}\n`);
      const { rows: hb } = await pool.query('SELECT * FROM worker_heartbeats');
      process.stdout.write(`heartbeats: ${JSON.stringify(hb)}\n`);
      process.stdout.write(`worker log (errors):\n${fs.readFileSync(path.join(dir, 'workers.log'), 'utf8').split('\n').filter((l) => /"level":(50|60)/.test(l)).slice(-30).join('\n')}\n`);
    }
    expect(lost).toBe(0);
    expect(unfinished).toBe(0);
    expect(counts).toEqual({ SUCCEEDED: ids.length });
    expect(duplicated).toBe(0);
    expect(missing).toBe(0);
    expect(counter.unkeyed).toBe(0);
  });
});
