import { z } from 'zod';
import type { TriggerAttemptInput } from '../../db/trigger-attempts';
import type { StartOutcome, StartRequest } from '../../engine/start-types';
import { executionTrigger, type TriggerPipeline } from '../evaluate';
import { runAsAuthentication, type ServiceAccount } from '../run-as';
import { cronJobKey, enabledCronTriggers, type ScheduledCronTrigger } from './cron-triggers';
import { isFireTime, nextFireTimes } from './next-fire';
import { parseCronExpression, type CronSchedule } from './parse';
import { isTimeZone } from './time-zone';

/**
 * The cron scheduler, written against small interfaces so it is tested without a database:
 * ./worker-tasks.ts binds them to graphile-worker, lib/db and startExecution.
 *
 * Exactly-once, with any number of workers: each enabled cron trigger has at most one pending
 * `cron.fire` job, under job key `cron:<pipelineId>:<triggerKey>` (graphile-worker runs a job on one
 * worker; adding with the same key replaces the pending one). A fire first schedules the next fire
 * (so a failing start never ends the schedule), then starts; startExecution's unique CronFiring row
 * (pipeline, trigger key, fire time) turns a retried or raced fire into a duplicate, not a second run.
 * A fire that runs late (workers were down) starts once, then the schedule resumes after now:
 * Quartz's default "fire once now" misfire policy.
 */

export interface CronFirePayload {
  pipelineId: string;
  triggerKey: string;
  /** ISO 8601; the same instant as the job's run_at. */
  fireAt: string;
}

export const cronFirePayloadSchema = z.object({ pipelineId: z.string().min(1), triggerKey: z.string().min(1), fireAt: z.iso.datetime({ offset: true }) });

export interface PendingCronJob {
  key: string;
  runAt: Date;
  /** A worker is running it right now. */
  locked: boolean;
  /** It failed and waits for its retry (its run_at is the back-off, not a fire time). */
  retrying: boolean;
}

/** The job queue as the scheduler needs it. */
export interface CronQueue {
  /** Adds or replaces the pending fire of this trigger (job key mode "replace"). */
  schedule(payload: CronFirePayload, runAt: Date): Promise<void>;
  /** Pending and running `cron.fire` jobs that have a job key. */
  list(): Promise<PendingCronJob[]>;
  remove(key: string): Promise<void>;
}

export interface CronDeps {
  listCronPipelines(): Promise<TriggerPipeline[]>;
  findPipeline(id: string): Promise<TriggerPipeline | undefined>;
  start(request: StartRequest): Promise<StartOutcome>;
  record(attempt: TriggerAttemptInput): Promise<void>;
  now(): Date;
  /** The configured service accounts a trigger's runAsUser may name (auth.serviceAccounts). */
  serviceAccounts(): readonly ServiceAccount[];
}

type Checked = { schedule: CronSchedule } | { problem: string };

function check(entry: ScheduledCronTrigger): Checked {
  const parsed = parseCronExpression(entry.expression);
  if (!parsed.ok) return { problem: `cron expression "${entry.expression}" ${parsed.problems.join('; ')}` };
  if (!isTimeZone(entry.timeZone)) return { problem: `"${entry.timeZone}" is not a time zone; use an IANA name such as Europe/Berlin or UTC` };
  return { schedule: parsed.schedule };
}

const attempt = (pipeline: TriggerPipeline, outcome: 'ignored' | 'refused', reason: string, details: Record<string, unknown>): TriggerAttemptInput => ({
  source: 'cron',
  application: pipeline.application,
  pipelineId: pipeline.id,
  outcome,
  reason,
  details,
});

export interface SyncReport {
  scheduled: string[];
  kept: string[];
  removed: string[];
  problems: string[];
}

/**
 * Makes the pending jobs match the saved pipelines: one per enabled cron trigger of an enabled
 * pipeline, none for anything else. An overdue job is kept (it fires once, late), and so are a
 * running one (it schedules its own successor) and one waiting to retry.
 */
export async function syncCronJobs(deps: CronDeps, queue: CronQueue): Promise<SyncReport> {
  const now = deps.now();
  const report: SyncReport = { scheduled: [], kept: [], removed: [], problems: [] };
  const wanted = new Map<string, { payload: CronFirePayload; runAt: Date }>();
  for (const pipeline of await deps.listCronPipelines()) {
    if (pipeline.disabled) continue;
    for (const entry of enabledCronTriggers(pipeline)) {
      const details = { triggerKey: entry.triggerKey, cronExpression: entry.expression, timeZone: entry.timeZone };
      const checked = check(entry);
      if ('problem' in checked) {
        report.problems.push(checked.problem);
        await deps.record(attempt(pipeline, 'refused', `cron trigger not scheduled: ${checked.problem}`, details));
        continue;
      }
      const [next] = nextFireTimes(checked.schedule, entry.timeZone, now, 1);
      if (!next) {
        await deps.record(attempt(pipeline, 'ignored', `cron trigger not scheduled: "${entry.expression}" has no fire time after ${now.toISOString()}`, details));
        continue;
      }
      wanted.set(cronJobKey(pipeline.id, entry.triggerKey), { payload: { pipelineId: pipeline.id, triggerKey: entry.triggerKey, fireAt: next.toISOString() }, runAt: next });
    }
  }
  const existing = new Map((await queue.list()).map((job) => [job.key, job]));
  for (const [key, { payload, runAt }] of wanted) {
    const job = existing.get(key);
    if (job && (job.locked || job.retrying || job.runAt.getTime() <= now.getTime() || job.runAt.getTime() === runAt.getTime())) {
      report.kept.push(key);
      continue;
    }
    await queue.schedule(payload, runAt);
    report.scheduled.push(key);
  }
  for (const key of existing.keys()) {
    if (wanted.has(key)) continue;
    await queue.remove(key);
    report.removed.push(key);
  }
  return report;
}

export type FireReport =
  | { kind: 'invalid-payload'; reason: string }
  | { kind: 'skipped'; reason: string; next?: Date }
  | { kind: 'fired'; outcome: StartOutcome; next?: Date };

export async function fireCronJob(payload: unknown, deps: CronDeps, queue: CronQueue): Promise<FireReport> {
  const parsed = cronFirePayloadSchema.safeParse(payload);
  if (!parsed.success) return { kind: 'invalid-payload', reason: parsed.error.message };
  const { pipelineId, triggerKey } = parsed.data;
  const fireAt = new Date(parsed.data.fireAt);
  const pipeline = await deps.findPipeline(pipelineId);
  if (!pipeline) {
    const reason = `cron fire at ${fireAt.toISOString()} skipped: pipeline ${pipelineId} no longer exists`;
    await deps.record({ source: 'cron', pipelineId, outcome: 'ignored', reason, details: { triggerKey } });
    return { kind: 'skipped', reason };
  }
  const entry = enabledCronTriggers(pipeline).find((e) => e.triggerKey === triggerKey);
  const details = { triggerKey, fireAt: fireAt.toISOString(), ...(entry ? { cronExpression: entry.expression, timeZone: entry.timeZone } : {}) };
  const skip = async (reason: string, next?: Date): Promise<FireReport> => {
    await deps.record(attempt(pipeline, 'ignored', `cron fire at ${fireAt.toISOString()} skipped: ${reason}`, details));
    return { kind: 'skipped', reason, ...(next ? { next } : {}) };
  };
  if (!entry) return skip(`the pipeline no longer has an enabled cron trigger ${triggerKey}`);
  if (pipeline.disabled) return skip(`pipeline "${pipeline.name}" is disabled`);
  const checked = check(entry);
  if ('problem' in checked) return skip(checked.problem);

  const now = deps.now();
  const [next] = nextFireTimes(checked.schedule, entry.timeZone, new Date(Math.max(fireAt.getTime(), now.getTime())), 1);
  if (next) await queue.schedule({ pipelineId, triggerKey, fireAt: next.toISOString() }, next);
  // The trigger kept its key but its schedule changed while this job waited.
  if (!isFireTime(checked.schedule, entry.timeZone, fireAt)) return skip(`${fireAt.toISOString()} is no longer a fire time of "${entry.expression}" (${entry.timeZone})`, next);

  const runAs = runAsAuthentication(entry.trigger, deps.serviceAccounts());
  if (!runAs.ok) {
    const reason = `cron fire at ${fireAt.toISOString()} refused: ${runAs.reason}`;
    await deps.record(attempt(pipeline, 'refused', reason, details));
    return { kind: 'fired', outcome: { kind: 'refused', reason }, ...(next ? { next } : {}) };
  }
  const outcome = await deps.start({
    pipelineId,
    trigger: executionTrigger(entry.trigger, { type: 'cron', cronExpression: entry.expression, timeZone: entry.timeZone, fireAt: fireAt.toISOString() }),
    source: 'cron',
    authentication: runAs.authentication,
    cronFiring: { triggerKey, fireAt },
  });
  return { kind: 'fired', outcome, ...(next ? { next } : {}) };
}
