import 'server-only';
import type { TaskList } from 'graphile-worker';
import { jobs } from '../engine/jobs/names';
import { engineTasks, executionPayload, task } from '../engine/tasks';
import { cronTasks } from '../triggers/cron/worker-tasks';
import { pipelineCompletedJob } from '../triggers/pipeline-completed';

/**
 * Every task a worker runs: the engine's, plus the triggers that start executions from inside the
 * worker (cron fire times, pipeline-completed). Composed here so the engine never imports trigger code.
 */
export const workerTasks: TaskList = {
  ...engineTasks,
  [jobs.pipelineCompleted]: task(executionPayload, pipelineCompletedJob),
  ...cronTasks,
};
