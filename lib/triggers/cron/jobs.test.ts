import { describe, expect, it } from 'vitest';
import type { StartOutcome, StartRequest } from '../../engine/start-types';
import type { TriggerAttemptInput } from '../../db/trigger-attempts';
import type { TriggerPipeline } from '../evaluate';
import { cronJobKey, cronTriggerKey } from './cron-triggers';
import { fireCronJob, syncCronJobs, type CronDeps, type CronFirePayload, type CronQueue, type PendingCronJob } from './jobs';

interface FakeJob extends PendingCronJob {
  payload: CronFirePayload;
}

function fakeQueue(initial: FakeJob[] = []) {
  const jobs = new Map(initial.map((job) => [job.key, job]));
  const queue: CronQueue = {
    async schedule(payload, runAt) {
      jobs.set(cronJobKey(payload.pipelineId, payload.triggerKey), { key: cronJobKey(payload.pipelineId, payload.triggerKey), payload, runAt, locked: false, retrying: false });
    },
    async list() {
      return [...jobs.values()];
    },
    async remove(key) {
      jobs.delete(key);
    },
  };
  return { queue, jobs };
}

function fakeDeps(pipelines: TriggerPipeline[], now: string) {
  const started: StartRequest[] = [];
  const attempts: TriggerAttemptInput[] = [];
  const firings = new Set<string>();
  const state = { now: new Date(now) };
  const deps: CronDeps = {
    listCronPipelines: async () => pipelines,
    findPipeline: async (id) => pipelines.find((p) => p.id === id),
    // Like startExecution's CronFiring row: one execution per (pipeline, trigger, fire time).
    start: async (request): Promise<StartOutcome> => {
      started.push(request);
      const key = `${request.pipelineId}|${request.cronFiring?.triggerKey}|${request.cronFiring?.fireAt.toISOString()}`;
      if (firings.has(key)) return { kind: 'duplicate', reason: 'already fired' };
      firings.add(key);
      return { kind: 'started', executionId: `e${started.length}` };
    },
    serviceAccounts: () => [{ name: 'nightly-bot', roles: ['release-managers'] }],
    record: async (attempt) => {
      attempts.push(attempt);
    },
    now: () => state.now,
  };
  return { deps, started, attempts, state };
}

const pipeline = (id: string, triggers: unknown[], disabled = false): TriggerPipeline => ({ id, application: 'shop', name: `pipe-${id}`, disabled, triggers });
const hourly = { type: 'cron', enabled: true, id: 't-hourly', cronExpression: '0 0 * * * ?' };

describe('cronTriggerKey', () => {
  it('is the trigger id when present, else a stable hash of position and expression', () => {
    expect(cronTriggerKey({ id: 'abc', cronExpression: '0 0 * * * ?' }, 3)).toBe('abc');
    const hashed = cronTriggerKey({ cronExpression: '0 0 * * * ?' }, 0);
    expect(hashed).toMatch(/^h[0-9a-f]{16}$/);
    expect(cronTriggerKey({ cronExpression: ' 0 0 * * * ? ' }, 0)).toBe(hashed);
    expect(cronTriggerKey({ cronExpression: '0 0 * * * ?' }, 1)).not.toBe(hashed);
    expect(cronTriggerKey({ cronExpression: '0 30 * * * ?' }, 0)).not.toBe(hashed);
  });
});

describe('syncCronJobs', () => {
  it('schedules one fire per enabled cron trigger of an enabled pipeline', async () => {
    const pipelines = [
      pipeline('p1', [hourly, { type: 'cron', enabled: true, cronExpression: '0 30 9 ? * MON-FRI', timeZone: 'Europe/Berlin' }, { type: 'manual', enabled: true }]),
      pipeline('p2', [{ ...hourly, enabled: false }, { type: 'cron', cronExpression: '0 0 1 * * ?' }]),
      pipeline('p3', [hourly], true),
    ];
    const { deps } = fakeDeps(pipelines, '2024-01-05T10:10:00Z'); // a Friday
    const { queue, jobs } = fakeQueue();
    const report = await syncCronJobs(deps, queue);
    const weekdayKey = cronTriggerKey({ cronExpression: '0 30 9 ? * MON-FRI' }, 1);
    expect(report.scheduled.sort()).toEqual([cronJobKey('p1', 't-hourly'), cronJobKey('p1', weekdayKey)].sort());
    expect(jobs.get('cron:p1:t-hourly')?.payload).toEqual({ pipelineId: 'p1', triggerKey: 't-hourly', fireAt: '2024-01-05T11:00:00.000Z' });
    // Monday 09:30 in Berlin (CET, +1).
    expect(jobs.get(`cron:p1:${weekdayKey}`)?.runAt.toISOString()).toBe('2024-01-08T08:30:00.000Z');
  });

  it('is idempotent: a second run changes nothing', async () => {
    const { deps } = fakeDeps([pipeline('p1', [hourly])], '2024-01-05T10:10:00Z');
    const { queue } = fakeQueue();
    await syncCronJobs(deps, queue);
    const again = await syncCronJobs(deps, queue);
    expect(again).toEqual({ scheduled: [], kept: ['cron:p1:t-hourly'], removed: [], problems: [] });
  });

  it('removes the jobs of triggers and pipelines that are gone or disabled', async () => {
    const { deps } = fakeDeps([pipeline('p1', [{ ...hourly, enabled: false }]), pipeline('p2', [hourly], true)], '2024-01-05T10:10:00Z');
    const stale = (key: string): FakeJob => ({ key, runAt: new Date('2024-01-05T11:00:00Z'), locked: false, retrying: false, payload: { pipelineId: 'x', triggerKey: 'y', fireAt: '2024-01-05T11:00:00.000Z' } });
    const { queue, jobs } = fakeQueue([stale('cron:p1:t-hourly'), stale('cron:p2:t-hourly'), stale('cron:gone:t')]);
    const report = await syncCronJobs(deps, queue);
    expect(report.removed.sort()).toEqual(['cron:gone:t', 'cron:p1:t-hourly', 'cron:p2:t-hourly']);
    expect(jobs.size).toBe(0);
  });

  it('replaces a pending fire whose schedule changed, but keeps overdue, running and retrying ones', async () => {
    const { deps } = fakeDeps(
      [pipeline('p1', [hourly]), pipeline('p2', [hourly]), pipeline('p3', [hourly]), pipeline('p4', [hourly])],
      '2024-01-05T10:10:00Z',
    );
    const job = (pipelineId: string, runAt: string, extra: Partial<FakeJob> = {}): FakeJob => ({
      key: cronJobKey(pipelineId, 't-hourly'),
      runAt: new Date(runAt),
      locked: false,
      retrying: false,
      payload: { pipelineId, triggerKey: 't-hourly', fireAt: runAt },
      ...extra,
    });
    const { queue, jobs } = fakeQueue([
      job('p1', '2024-01-05T10:45:00Z'), // from an older expression
      job('p2', '2024-01-05T09:00:00Z'), // overdue: workers were down
      job('p3', '2024-01-05T10:00:00Z', { locked: true }),
      job('p4', '2024-01-05T10:10:30Z', { retrying: true }),
    ]);
    const report = await syncCronJobs(deps, queue);
    expect(report.scheduled).toEqual(['cron:p1:t-hourly']);
    expect(report.kept.sort()).toEqual(['cron:p2:t-hourly', 'cron:p3:t-hourly', 'cron:p4:t-hourly']);
    expect(jobs.get('cron:p1:t-hourly')?.runAt.toISOString()).toBe('2024-01-05T11:00:00.000Z');
    expect(jobs.get('cron:p2:t-hourly')?.runAt.toISOString()).toBe('2024-01-05T09:00:00.000Z');
  });

  it('records why a trigger cannot be scheduled', async () => {
    const { deps, attempts } = fakeDeps(
      [pipeline('p1', [{ ...hourly, cronExpression: '0 0 * * * *' }, { ...hourly, id: 'tz', timeZone: 'Mars/Base' }, { ...hourly, id: 'old', cronExpression: '0 0 0 1 1 ? 2020' }])],
      '2024-01-05T10:10:00Z',
    );
    const { queue, jobs } = fakeQueue();
    const report = await syncCronJobs(deps, queue);
    expect(jobs.size).toBe(0);
    expect(report.problems).toHaveLength(2);
    expect(attempts.map((a) => [a.outcome, a.pipelineId, a.source])).toEqual([
      ['refused', 'p1', 'cron'],
      ['refused', 'p1', 'cron'],
      ['ignored', 'p1', 'cron'],
    ]);
    expect(attempts[0]?.reason).toMatch(/needs "\?" in either day-of-month or day-of-week/);
    expect(attempts[1]?.reason).toMatch(/"Mars\/Base" is not a time zone/);
    expect(attempts[2]?.reason).toMatch(/has no fire time after/);
  });
});

describe('fireCronJob', () => {
  const payload = (fireAt: string, triggerKey = 't-hourly', pipelineId = 'p1'): CronFirePayload => ({ pipelineId, triggerKey, fireAt });

  it('schedules the next fire, then starts with the cron firing for de-duplication', async () => {
    const secretive = { ...hourly, secret: 'never-in-executions', description: 'hourly sync' };
    const { deps, started } = fakeDeps([pipeline('p1', [secretive])], '2024-01-05T11:00:00.150Z');
    const { queue, jobs } = fakeQueue();
    const report = await fireCronJob(payload('2024-01-05T11:00:00.000Z'), deps, queue);
    expect(report).toMatchObject({ kind: 'fired', outcome: { kind: 'started' }, next: new Date('2024-01-05T12:00:00Z') });
    expect(jobs.get('cron:p1:t-hourly')?.payload.fireAt).toBe('2024-01-05T12:00:00.000Z');
    expect(started).toHaveLength(1);
    const [request] = started;
    expect(request).toMatchObject({
      pipelineId: 'p1',
      source: 'cron',
      authentication: { user: null, roles: [] },
      cronFiring: { triggerKey: 't-hourly', fireAt: new Date('2024-01-05T11:00:00Z') },
      trigger: { type: 'cron', id: 't-hourly', cronExpression: '0 0 * * * ?', timeZone: 'UTC', fireAt: '2024-01-05T11:00:00.000Z', description: 'hourly sync' },
    });
    expect(request?.trigger).not.toHaveProperty('secret');
  });

  it('runs as the trigger\'s service account; an unknown one refuses the fire, records why and keeps the schedule', async () => {
    const { deps, started, attempts } = fakeDeps([pipeline('p1', [{ ...hourly, runAsUser: 'nightly-bot' }]), pipeline('p2', [{ ...hourly, runAsUser: 'ghost' }])], '2024-01-05T11:00:00.150Z');
    const { queue, jobs } = fakeQueue();
    expect(await fireCronJob(payload('2024-01-05T11:00:00.000Z'), deps, queue)).toMatchObject({ kind: 'fired', outcome: { kind: 'started' } });
    expect(started[0]?.authentication).toEqual({ user: 'nightly-bot', roles: ['release-managers'] });
    const refused = await fireCronJob(payload('2024-01-05T11:00:00.000Z', 't-hourly', 'p2'), deps, queue);
    expect(refused).toMatchObject({ kind: 'fired', outcome: { kind: 'refused' }, next: new Date('2024-01-05T12:00:00Z') });
    expect(started).toHaveLength(1);
    expect(jobs.get('cron:p2:t-hourly')?.payload.fireAt).toBe('2024-01-05T12:00:00.000Z');
    expect(attempts).toEqual([expect.objectContaining({ source: 'cron', pipelineId: 'p2', outcome: 'refused', reason: expect.stringMatching(/^cron fire at 2024-01-05T11:00:00.000Z refused: the trigger runs as service account "ghost"/) })]);
  });

  it('a late fire (workers were down) starts once and resumes the schedule after now', async () => {
    const { deps, started } = fakeDeps([pipeline('p1', [hourly])], '2024-01-05T15:20:00Z');
    const { queue, jobs } = fakeQueue();
    await fireCronJob(payload('2024-01-05T11:00:00.000Z'), deps, queue);
    expect(started).toHaveLength(1);
    expect(jobs.get('cron:p1:t-hourly')?.runAt.toISOString()).toBe('2024-01-05T16:00:00.000Z');
  });

  it('the same fire run twice (retry, or two workers) starts one execution', async () => {
    const { deps, started } = fakeDeps([pipeline('p1', [hourly])], '2024-01-05T11:00:01Z');
    const { queue, jobs } = fakeQueue();
    const reports = await Promise.all([fireCronJob(payload('2024-01-05T11:00:00.000Z'), deps, queue), fireCronJob(payload('2024-01-05T11:00:00.000Z'), deps, queue)]);
    expect(reports.map((r) => (r.kind === 'fired' ? r.outcome.kind : r.kind)).sort()).toEqual(['duplicate', 'started']);
    expect(started).toHaveLength(2);
    expect(jobs.size).toBe(1);
  });

  it('skips, records why and stops the schedule when the pipeline or trigger is gone or disabled', async () => {
    const cases: { pipelines: TriggerPipeline[]; reason: RegExp }[] = [
      { pipelines: [], reason: /pipeline p1 no longer exists/ },
      { pipelines: [pipeline('p1', [{ ...hourly, enabled: false }])], reason: /no longer has an enabled cron trigger t-hourly/ },
      { pipelines: [pipeline('p1', [hourly], true)], reason: /pipeline "pipe-p1" is disabled/ },
    ];
    for (const { pipelines, reason } of cases) {
      const { deps, started, attempts } = fakeDeps(pipelines, '2024-01-05T11:00:01Z');
      const { queue, jobs } = fakeQueue();
      const report = await fireCronJob(payload('2024-01-05T11:00:00.000Z'), deps, queue);
      expect(report.kind).toBe('skipped');
      expect(started).toHaveLength(0);
      expect(jobs.size).toBe(0);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ source: 'cron', pipelineId: 'p1', outcome: 'ignored' });
      expect(attempts[0]?.reason).toMatch(reason);
    }
  });

  it('does not start a fire that is no longer on the schedule, but keeps the schedule going', async () => {
    const { deps, started, attempts } = fakeDeps([pipeline('p1', [{ ...hourly, cronExpression: '0 30 * * * ?' }])], '2024-01-05T11:00:01Z');
    const { queue, jobs } = fakeQueue();
    const report = await fireCronJob(payload('2024-01-05T11:00:00.000Z'), deps, queue);
    expect(report.kind).toBe('skipped');
    expect(started).toHaveLength(0);
    expect(jobs.get('cron:p1:t-hourly')?.runAt.toISOString()).toBe('2024-01-05T11:30:00.000Z');
    expect(attempts[0]?.reason).toMatch(/no longer a fire time of "0 30 \* \* \* \?"/);
  });

  it('computes the next fire in the trigger time zone', async () => {
    const berlin = { type: 'cron', enabled: true, id: 'nine', cronExpression: '0 0 9 * * ?', timeZone: 'Europe/Berlin' };
    const { deps } = fakeDeps([pipeline('p1', [berlin])], '2024-03-30T08:00:01Z');
    const { queue, jobs } = fakeQueue();
    await fireCronJob(payload('2024-03-30T08:00:00.000Z', 'nine'), deps, queue);
    // The next day is in summer time: 09:00 CEST = 07:00Z.
    expect(jobs.get('cron:p1:nine')?.runAt.toISOString()).toBe('2024-03-31T07:00:00.000Z');
  });

  it('ignores a malformed payload without touching anything', async () => {
    const { deps, started, attempts } = fakeDeps([pipeline('p1', [hourly])], '2024-01-05T11:00:01Z');
    const { queue, jobs } = fakeQueue();
    expect((await fireCronJob({ pipelineId: 'p1' }, deps, queue)).kind).toBe('invalid-payload');
    expect([started.length, attempts.length, jobs.size]).toEqual([0, 0, 0]);
  });

  it('a start that throws leaves the next fire scheduled (the job is retried)', async () => {
    const { deps } = fakeDeps([pipeline('p1', [hourly])], '2024-01-05T11:00:01Z');
    deps.start = async () => {
      throw new Error('database unavailable');
    };
    const { queue, jobs } = fakeQueue();
    await expect(fireCronJob(payload('2024-01-05T11:00:00.000Z'), deps, queue)).rejects.toThrow('database unavailable');
    expect(jobs.get('cron:p1:t-hourly')?.runAt.toISOString()).toBe('2024-01-05T12:00:00.000Z');
  });
});
