import { beforeAll, describe, expect, it } from 'vitest';
import { finished, runWatchdog, savePipeline, stageByRef, trigger, useEngine, waitFor } from '@/e2e/runner/engine-harness';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '../db/applications';
import { getPool } from '../db/pool';

useTestDatabase();
useEngine();

beforeAll(async () => {
  await createApplication({ name: 'dog', ownerEmail: 'd@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
});

const wait = (refId: string, requisites: string[] = [], seconds = 0) => ({ refId, requisiteStageRefIds: requisites, type: 'wait', name: `Wait ${refId}`, waitTime: seconds });

/** A job for a task no worker here knows, locked by `lockedBy` `ageMs` ago, as a worker that died would leave it. */
async function lockedJob(lockedBy: string, ageMs: number): Promise<string> {
  const { rows } = await getPool().query<{ id: string }>("SELECT id::text FROM graphile_worker.add_job('test.held', '{}'::json, run_at => now() + interval '1 hour')");
  const id = rows[0]?.id ?? '';
  await getPool().query("UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now() - ($3::int * interval '1 millisecond') WHERE id = $1::bigint", [id, lockedBy, ageMs]);
  return id;
}
const lockOf = async (id: string) => (await getPool().query<{ locked_by: string | null }>('SELECT locked_by FROM graphile_worker._private_jobs WHERE id = $1::bigint', [id])).rows[0]?.locked_by;

describe('watchdog', () => {
  it('releases the jobs of a worker process that is gone and forgets its heartbeat', async () => {
    const job = await lockedJob('worker-dead1', 1000);
    // A pid that cannot exist on this host.
    await getPool().query("INSERT INTO worker_heartbeats (worker_id, hostname, pid, job_worker_ids, started_at, last_seen_at) VALUES ('gone', $1, 4194999, ARRAY['worker-dead1'], now(), now())", [(await import('node:os')).hostname()]);
    await runWatchdog();
    expect(await lockOf(job)).toBeNull();
    expect((await getPool().query("SELECT 1 FROM worker_heartbeats WHERE worker_id = 'gone'")).rowCount).toBe(0);
  });

  it('releases locks no heartbeat accounts for once they are older than a few heartbeats, and only then', async () => {
    const orphan = await lockedJob('worker-never-beat', 10_000);
    const fresh = await lockedJob('worker-just-started', 100);
    await getPool().query("INSERT INTO worker_heartbeats (worker_id, hostname, pid, job_worker_ids, started_at, last_seen_at) VALUES ('alive', 'elsewhere', 1, ARRAY['worker-alive'], now(), now())");
    const known = await lockedJob('worker-alive', 10_000);
    await runWatchdog();
    expect(await lockOf(orphan)).toBeNull();
    expect(await lockOf(fresh)).toBe('worker-just-started');
    expect(await lockOf(known)).toBe('worker-alive');
  });

  it('re-drives an execution that stopped moving: its lost job is re-created and it finishes', async () => {
    const id = await trigger(await savePipeline('dog', { limitConcurrent: false, stages: [wait('a', [], 1), wait('b', ['a'])] }));
    await waitFor(id, (e) => stageByRef(e, 'a').status === 'RUNNING');
    // The wake-up job is lost (as if never committed) and nothing has moved for a while.
    await getPool().query("DELETE FROM graphile_worker._private_jobs WHERE payload->>'executionId' = $1", [id]);
    await getPool().query("UPDATE executions SET last_progress_at = now() - interval '10 seconds' WHERE id = $1", [id]);
    await getPool().query('UPDATE stage_executions SET waiting = false WHERE execution_id = $1', [id]);
    await runWatchdog(500);
    expect((await waitFor(id, finished)).status).toBe('SUCCEEDED');
  });

  it('fails an execution that made no progress for too long, saying why', async () => {
    const id = await trigger(await savePipeline('dog', { limitConcurrent: false, stages: [wait('a', [], 3600)] }));
    await waitFor(id, (e) => stageByRef(e, 'a').status === 'RUNNING');
    await getPool().query("DELETE FROM graphile_worker._private_jobs WHERE payload->>'executionId' = $1", [id]);
    await getPool().query("UPDATE executions SET last_progress_at = now() - interval '2 hours' WHERE id = $1", [id]);
    await getPool().query('UPDATE stage_executions SET waiting = false WHERE execution_id = $1', [id]);
    await runWatchdog(500, 3_600_000);
    const { rows } = await getPool().query<{ status: string; cancellation_reason: string }>('SELECT status, cancellation_reason FROM executions WHERE id = $1', [id]);
    expect(rows[0]).toMatchObject({ status: 'TERMINAL', cancellation_reason: expect.stringMatching(/could not make progress on this execution for 120 minutes/) });
  });

  it('leaves alone an execution waiting for a person', async () => {
    const id = await trigger(await savePipeline('dog', { limitConcurrent: false, stages: [{ refId: 'j', requisiteStageRefIds: [], type: 'manualJudgment', name: 'Approve' }] }));
    await waitFor(id, (e) => stageByRef(e, 'j').status === 'RUNNING');
    await getPool().query("UPDATE executions SET last_progress_at = now() - interval '2 hours' WHERE id = $1", [id]);
    await runWatchdog(500, 3_600_000);
    const { rows } = await getPool().query<{ status: string }>('SELECT status FROM executions WHERE id = $1', [id]);
    expect(rows[0]?.status).toBe('RUNNING');
  });
});
