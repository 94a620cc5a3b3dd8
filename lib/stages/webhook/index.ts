import 'server-only';
import { randomUUID } from 'node:crypto';
import { taskSequence } from '../tasks';
import type { StageHandler } from '../types';
import { buildHeaders, call, withJsonBody } from './http';
import { TASKS, type WebhookState } from './model';
import { pollStatus } from './monitor';
import { sendRequest } from './send';

export type { WebhookState } from './model';

/**
 * Calls an HTTP endpoint through the egress policy (`services.egressFetch`), optionally polling a
 * status URL until the remote work completes. The first run only creates the idempotency key: the
 * engine saves it before the request is ever sent (see WebhookState.idempotencyKey).
 */
export const webhook: StageHandler<'webhook', WebhookState> = {
  type: 'webhook',
  async run(ctx) {
    const { state } = ctx;
    if (!state) {
      const names = ctx.stage.config.waitForCompletion === true ? [TASKS.call, TASKS.monitor] : [TASKS.call];
      return {
        status: 'running',
        // Names the stage, so a receiver (and its logs) can tell which stage an effect came from.
        state: { idempotencyKey: `foresail-${ctx.stage.id}-${randomUUID()}`, phase: 'request', failedAttempts: 0, failedPolls: 0 },
        pollAfterMs: 0,
        tasks: taskSequence(names, 0, 'RUNNING'),
      };
    }
    return state.phase === 'request' ? sendRequest(ctx, state) : pollStatus(ctx, state);
  },

  /** Tells the receiver to stop (signalCancellation). Best effort: a failure is logged, not retried. */
  async cancel({ stage, state, services, log }) {
    const { config } = stage;
    // Without state the request was never sent, so there is nothing to cancel remotely.
    if (!state || config.signalCancellation !== true || !config.cancelEndpoint) return;
    const built = buildHeaders(config.customHeaders);
    const headers = 'headers' in built ? built.headers : {};
    const init = withJsonBody(config.cancelMethod ?? 'POST', headers, config.cancelPayload);
    const answer = await call(services, config.cancelEndpoint, init, config, 'The cancel endpoint');
    if (answer.kind !== 'ok') log.warn({ stageId: stage.id, problem: answer.kind === 'fail' ? answer.reason : answer.problem }, 'webhook: signalling cancellation failed');
  },
};
