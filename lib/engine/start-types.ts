/**
 * The contract for starting executions (used by API routes, webhooks, cron and the pipeline
 * stage). Implemented by lib/engine/start-execution.ts.
 */

export type TriggerSource = 'manual' | 'api' | 'gate' | 'github' | 'docker' | 'webhook' | 'cron' | 'pipeline';

export interface StartRequest {
  /** The pipeline config to run (its current saved version is snapshotted into the execution). */
  pipelineId: string;
  /** A Spinnaker trigger: {type, user?, parameters?, artifacts?, …plus type-specific fields}. */
  trigger: Record<string, unknown>;
  source: TriggerSource;
  /** Whose permissions the stages will act with. Automatic triggers: the pipeline's run-as roles. */
  authentication: { user: string | null; roles: string[] };
  /** Webhook de-duplication: a second start with the same (source, id) starts nothing. */
  delivery?: { source: string; id: string };
  /** Cron de-duplication across workers. */
  cronFiring?: { triggerKey: string; fireAt: Date };
  /** Set by the `pipeline` stage for its child. */
  parent?: { executionId: string; stageId: string };
}

export type StartOutcome =
  | { kind: 'started' | 'queued'; executionId: string }
  | { kind: 'duplicate'; reason: string }
  | { kind: 'refused'; reason: string; issues?: { path: string; message: string }[] };
