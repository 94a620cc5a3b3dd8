/** graphile-worker task names of the engine and their payloads. */
export const jobs = {
  startExecution: 'execution.start',
  startStage: 'stage.start',
  runStage: 'stage.run',
  completeStage: 'stage.complete',
  completeExecution: 'execution.complete',
  cancelStage: 'stage.cancel',
  redrive: 'execution.redrive',
  dequeue: 'pipeline.dequeue',
  pipelineCompleted: 'trigger.pipeline-completed',
  notify: 'notification.send',
} as const;

export interface ExecutionPayload {
  executionId: string;
}

export interface StagePayload {
  executionId: string;
  stageId: string;
}

export interface RunStagePayload extends StagePayload {
  /** The stage attempt this run belongs to; a restarted stage ignores runs of older attempts. */
  attempt: number;
}

/** At most one pending run job per stage: a judgment's immediate run replaces a scheduled wake-up. */
export const runJobKey = (stageId: string) => `stage-run:${stageId}`;
