import 'server-only';
import type { ClusterClient } from '../../kubernetes/client';
import { describeRef, type ObjectRef } from '../../kubernetes/types';
import type { KnownStageType } from '../../pipeline';
import { task } from '../tasks';
import type { StageContext, StageHandler } from '../types';
import { failedFrom } from './failures';
import { FIRST_POLL_MS, pollStable, timeoutOf } from './stability';
import { TargetError } from './target';

export interface ActThenWaitState {
  ref: ObjectRef;
  startedAt: number;
}

type TargetStageType = 'scaleManifest' | 'patchManifest' | 'undoRolloutManifest' | 'rollingRestartManifest' | 'enableManifest' | 'disableManifest';
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * A stage that changes one live object (scale, patch, undo, restart, enable, disable) and then waits until it is stable
 * again, like Orca's "<action>" + "wait for manifest to stabilize" task pair. The change is idempotent
 * (the same patch or replica count), so a replay after a crash before the state is saved is harmless.
 */
export function actThenWait<T extends TargetStageType & KnownStageType>(
  type: T,
  actionName: string,
  act: (client: ClusterClient, ctx: StageContext<T, ActThenWaitState>) => Promise<{ ref: ObjectRef; outputs?: Record<string, unknown> }>,
): StageHandler<T, ActThenWaitState> {
  return {
    type,
    ownTimeout: true,
    defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
    async run(ctx) {
      const config = ctx.stage.config;
      try {
        const client = await ctx.services.kubernetes(config.account);
        if (ctx.state) {
          return await pollStable({ client, refs: [ctx.state.ref], state: ctx.state, startedAt: ctx.state.startedAt, timeoutMs: timeoutOf(config, DEFAULT_TIMEOUT_MS), now: ctx.now(), signal: ctx.signal, taskNames: [actionName, 'Wait for manifest to stabilize'] });
        }
        const { ref, outputs } = await act(client, ctx);
        return {
          status: 'running',
          state: { ref, startedAt: ctx.stage.startTime ?? ctx.now() },
          pollAfterMs: FIRST_POLL_MS,
          outputs: { 'deploy.account.name': config.account, 'outputs.manifestNamesByNamespace': { [ref.namespace ?? '']: [`${ref.kind.toLowerCase()} ${ref.name}`] }, ...outputs },
          tasks: [task(actionName, 'SUCCEEDED'), task('Wait for manifest to stabilize', 'RUNNING')],
        };
      } catch (err) {
        if (err instanceof TargetError) return { status: 'failed', reason: err.message };
        return failedFrom(err, ctx.state ? `Waiting for ${describeRef(ctx.state.ref)}` : undefined);
      }
    },
  };
}
