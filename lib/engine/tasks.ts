import 'server-only';
import type { Task, TaskList } from 'graphile-worker';
import { z } from 'zod';
import { cancelStageJob } from './jobs/cancel-stage';
import { completeExecutionJob } from './jobs/complete-execution';
import { completeStageJob } from './jobs/complete-stage';
import { dequeueJob, redriveJob } from './jobs/maintenance';
import { jobs } from './jobs/names';
import { runStageJob } from './jobs/run-stage';
import { startExecutionJob } from './jobs/start-execution';
import { startStageJob } from './jobs/start-stage';
import { notifyPayloadSchema, sendNotificationJob } from './notifications/send';

export const executionPayload = z.object({ executionId: z.string().min(1) });
const stage = executionPayload.extend({ stageId: z.string().min(1) });
const run = stage.extend({ attempt: z.number().int() });
const pipeline = z.object({ pipelineId: z.string().min(1) });

/** Binds a payload schema to a job handler; a malformed payload is dropped (retrying cannot fix it). */
export function task<S extends z.ZodType>(schema: S, handler: (payload: z.infer<S>, signal: AbortSignal) => Promise<void>): Task {
  return async (payload, helpers) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      helpers.logger.error(`dropping job ${helpers.job.task_identifier} with a malformed payload`);
      return;
    }
    await handler(parsed.data, helpers.abortSignal);
  };
}

/**
 * The engine's graphile-worker tasks. Each handler locks its execution, checks the message still
 * applies, and commits state with its follow-up jobs in one transaction (ARCHITECTURE.md "Engine").
 * Trigger tasks (cron, pipeline-completed) are added from outside: lib/runtime/worker-tasks.ts.
 */
export const engineTasks: TaskList = {
  [jobs.startExecution]: task(executionPayload, startExecutionJob),
  [jobs.startStage]: task(stage, startStageJob),
  [jobs.runStage]: task(run, runStageJob),
  [jobs.completeStage]: task(stage, completeStageJob),
  [jobs.completeExecution]: task(executionPayload, completeExecutionJob),
  [jobs.cancelStage]: task(stage, cancelStageJob),
  [jobs.redrive]: task(executionPayload, redriveJob),
  [jobs.dequeue]: task(pipeline, dequeueJob),
  [jobs.notify]: task(notifyPayloadSchema, sendNotificationJob),
};
