import 'server-only';
import type { JobHelpers, Task } from 'graphile-worker';
import { pendingJobs, removeJob } from '../../db/jobs';
import { recordTriggerAttempt } from '../../db/trigger-attempts';
import { findTriggerPipeline, listPipelinesWithTriggerType } from '../../db/trigger-pipelines';
import { fireCronJob, syncCronJobs, type CronDeps, type CronQueue, type PendingCronJob } from './jobs';
import { cronJobKey } from './cron-triggers';
import { startExecution } from '../../engine/start-execution';
import { getConfig } from '../../env';

/**
 * graphile-worker tasks for cron triggers (the scheduling rules are in ./jobs.ts):
 * - `cron.sync` (no payload): one pending `cron.fire` job per enabled cron trigger, none for
 *   removed or disabled ones. Run it when a worker starts and after every pipeline save, enable,
 *   disable or delete; it is idempotent, so running it from several places at once is harmless.
 * - `cron.fire` ({pipelineId, triggerKey, fireAt}): schedules the next fire, then starts the execution.
 */
export const CRON_FIRE = 'cron.fire';
export const CRON_SYNC = 'cron.sync';

/** A start that keeps failing is retried a few times, not graphile-worker's default 25 (days later). */
const FIRE_MAX_ATTEMPTS = 5;

const deps: CronDeps = {
  listCronPipelines: () => listPipelinesWithTriggerType('cron'),
  findPipeline: findTriggerPipeline,
  start: startExecution,
  record: recordTriggerAttempt,
  now: () => new Date(),
  serviceAccounts: () => getConfig().auth.serviceAccounts,
};

function queueOf(helpers: JobHelpers): CronQueue {
  return {
    async schedule(payload, runAt) {
      await helpers.addJob(CRON_FIRE, payload, { jobKey: cronJobKey(payload.pipelineId, payload.triggerKey), jobKeyMode: 'replace', runAt, maxAttempts: FIRE_MAX_ATTEMPTS });
    },
    async list(): Promise<PendingCronJob[]> {
      // Permanently failed jobs (attempts exhausted) are not pending: the next sync replaces them.
      const jobs = await pendingJobs(helpers, CRON_FIRE, 'cron:');
      return jobs.map((job) => ({ key: job.key, runAt: job.runAt, locked: job.lockedAt !== null, retrying: job.attempts > 0 }));
    },
    async remove(key) {
      await removeJob(helpers, key);
    },
  };
}

const fire: Task = async (payload, helpers) => {
  const report = await fireCronJob(payload, deps, queueOf(helpers));
  if (report.kind === 'invalid-payload') helpers.logger.error(`cron.fire job ${helpers.job.id} has an invalid payload: ${report.reason}`);
  else if (report.kind === 'skipped') helpers.logger.info(`cron.fire skipped: ${report.reason}`);
};

const sync: Task = async (_payload, helpers) => {
  const report = await syncCronJobs(deps, queueOf(helpers));
  helpers.logger.info(`cron.sync: ${report.scheduled.length} scheduled, ${report.kept.length} kept, ${report.removed.length} removed, ${report.problems.length} not schedulable`);
};

export const cronTasks = { [CRON_FIRE]: fire, [CRON_SYNC]: sync } satisfies Record<string, Task>;
