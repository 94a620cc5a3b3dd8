import 'server-only';
import type { RunStageOf } from '../../pipeline';
import type { StageContext, StageResult } from '../types';

export type WebhookConfig = RunStageOf<'webhook'>;

export interface WebhookState {
  /**
   * Sent as `Idempotency-Key` with every send of the request in this stage attempt. It is saved
   * before the first send, so a re-run after a worker crash mid-call resends with the same key and
   * a receiver that honours the header performs the work once.
   */
  idempotencyKey: string;
  phase: 'request' | 'monitor';
  /** Sends of the request that ended in a retryable failure. */
  failedAttempts: number;
  /** Consecutive status checks that ended in a retryable failure. */
  failedPolls: number;
  /** The request's answer (for outputs) once it succeeded. */
  response?: { statusCode: number; body: unknown };
  statusUrl?: string;
  monitor?: WebhookMonitorOutput;
}

export interface WebhookMonitorOutput {
  statusCode: number;
  body: unknown;
  progressMessage?: string;
  percentComplete?: number;
}

export type WebhookContext = StageContext<'webhook', WebhookState>;
export type WebhookResult = StageResult<WebhookState>;

export const TASKS = { call: 'Call webhook', monitor: 'Wait for completion' } as const;

export const LIMITS = {
  /** Sends of the request before giving up on retryable failures (Orca retries for as long as the stage timeout allows; a bound is kinder). */
  maxAttempts: 5,
  /** Consecutive failed status checks before giving up. */
  maxFailedPolls: 5,
  firstBackoffMs: 2_000,
  maxBackoffMs: 60_000,
  defaultPollSeconds: 10,
  minPollMs: 1_000,
} as const;

/** Outputs under `webhook`, as Orca writes them (`webhook.statusCode`, `webhook.body`, `webhook.monitor.*`). */
export function webhookOutputs(state: WebhookState, extra: { monitor?: WebhookMonitorOutput } = {}): Record<string, unknown> {
  const monitor = extra.monitor ?? state.monitor;
  return {
    webhook: {
      ...(state.response ? { statusCode: state.response.statusCode, body: state.response.body } : {}),
      ...(state.statusUrl ? { statusEndpoint: state.statusUrl } : {}),
      ...(monitor ? { monitor } : {}),
    },
  };
}
