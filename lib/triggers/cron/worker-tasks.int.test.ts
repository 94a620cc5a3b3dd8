/**
 * cron.sync and cron.fire through graphile-worker itself (job keys, the jobs view, remove_job) and
 * the real startExecution with its CronFiring de-duplication.
 */
import { randomUUID } from 'node:crypto';
import { Logger, makeWorkerUtils, runOnce, type WorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAuthConfig } from '@/e2e/runner/auth-test-config';
import { useTestDatabase } from '@/e2e/runner/test-database';
import { createApplication } from '@/lib/db/applications';
import { getDb } from '@/lib/db/client';
import { closePool } from '@/lib/db/pool';
import { insertPipeline } from '@/lib/db/pipelines';
import { listTriggerAttempts } from '@/lib/db/trigger-attempts';
import { cronJobKey } from '@/lib/triggers/cron/cron-triggers';
import { nextFireTimes } from '@/lib/triggers/cron/next-fire';
import { CRON_FIRE, CRON_SYNC, cronTasks } from './worker-tasks';

const databaseUrl = useTestDatabase();
useAuthConfig({ admin: ['admins'], createApplication: [] });

const silent = new Logger(() => () => undefined);
let utils: WorkerUtils;

beforeAll(async () => {
  await createApplication({ name: 'shop', ownerEmail: 'a@example.com', description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } });
  utils = await makeWorkerUtils({ connectionString: databaseUrl(), logger: silent });
});
afterAll(async () => {
  await utils.release();
  await closePool();
});

/** Runs every cron job that is due, as a worker would, then returns. */
const work = () => runOnce({ connectionString: databaseUrl(), taskList: cronTasks, logger: silent, noHandleSignals: true });

async function pipelineWith(triggers: unknown[]): Promise<string> {
  const id = randomUUID();
  const name = `cron-${id.slice(0, 8)}`;
  const stages = [{ refId: '1', requisiteStageRefIds: [], type: 'wait', name: 'Wait', waitTime: 1 }];
  await insertPipeline({ id, application: 'shop', name, config: { id, name, application: 'shop', limitConcurrent: false, stages, triggers }, disabled: false, locked: false, by: 'test', action: 'create' });
  return id;
}

async function cronJobs(): Promise<{ key: string; run_at: Date }[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string; run_at: Date }>("select key, run_at from graphile_worker.jobs where task_identifier = 'cron.fire' order by key");
    return rows;
  } finally {
    await client.end();
  }
}

/** The next two top-of-the-hour fires after `from` (a test may straddle an hour boundary). */
const nextHours = (from: Date) => nextFireTimes('0 0 * * * ?', 'UTC', from, 2);
const hourly = (id: string) => ({ type: 'cron', enabled: true, id, cronExpression: '0 0 * * * ?' });

describe('cron tasks on graphile-worker', () => {
  it('cron.sync schedules one keyed fire per enabled trigger, and running it again changes nothing', async () => {
    const id = await pipelineWith([hourly('every-hour'), { type: 'cron', enabled: false, id: 'off', cronExpression: '0 0 * * * ?' }]);
    const before = new Date();
    await utils.addJob(CRON_SYNC, {});
    await work();
    expect(await cronJobs()).toEqual([{ key: cronJobKey(id, 'every-hour'), run_at: expect.any(Date) }]);
    expect(nextHours(before)).toContainEqual((await cronJobs())[0]?.run_at);
    await utils.addJob(CRON_SYNC, {});
    await utils.addJob(CRON_SYNC, {});
    await work();
    expect(await cronJobs()).toHaveLength(1);
  });

  it('cron.fire starts once per fire time, schedules the next, and a replayed fire is a duplicate', async () => {
    const id = await pipelineWith([hourly('fire-me')]);
    // A fire that was due an hour ago (workers were down): it still starts, once.
    const [due] = nextFireTimes('0 0 * * * ?', 'UTC', new Date(Date.now() - 2 * 3_600_000), 1);
    if (!due) throw new Error('no fire time');
    const payload = { pipelineId: id, triggerKey: 'fire-me', fireAt: due.toISOString() };
    await utils.addJob(CRON_FIRE, payload, { jobKey: cronJobKey(id, 'fire-me'), runAt: due });
    const started = new Date();
    await work();
    const executions = await getDb().execution.findMany({ where: { pipelineId: id }, select: { trigger: true } });
    expect(executions).toHaveLength(1);
    expect(executions[0]?.trigger).toMatchObject({ type: 'cron', id: 'fire-me', cronExpression: '0 0 * * * ?', fireAt: due.toISOString() });
    expect(nextHours(started)).toContainEqual((await cronJobs()).find((j) => j.key === cronJobKey(id, 'fire-me'))?.run_at);

    // The same fire again (a retry after a crash, or a second worker): the CronFiring row refuses it.
    await utils.addJob(CRON_FIRE, payload, { runAt: due });
    await work();
    expect(await getDb().execution.count({ where: { pipelineId: id } })).toBe(1);
    const outcomes = (await listTriggerAttempts({ pipelineId: id, limit: 10 })).attempts.map((a) => a.outcome);
    expect(outcomes.sort()).toEqual(['duplicate', 'started']);
  });

  it('cron.sync removes the fire of a pipeline that was disabled', async () => {
    const id = await pipelineWith([hourly('soon-off')]);
    await utils.addJob(CRON_SYNC, {});
    await work();
    expect((await cronJobs()).map((j) => j.key)).toContain(cronJobKey(id, 'soon-off'));
    await getDb().pipeline.update({ where: { id }, data: { disabled: true } });
    await utils.addJob(CRON_SYNC, {});
    await work();
    expect((await cronJobs()).map((j) => j.key)).not.toContain(cronJobKey(id, 'soon-off'));
  });
});
