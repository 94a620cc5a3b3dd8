import 'server-only';
import { task } from './tasks';
import type { StageHandler } from './types';

export interface WaitState {
  until: number;
}

/**
 * Waits `waitTime` seconds from the stage's start (as Orca does, so a busy queue does not lengthen
 * the wait). The engine wakes it at `wakeAtMs`, or earlier after setting `skipRemainingWait`.
 */
export const wait: StageHandler<'wait', WaitState> = {
  type: 'wait',
  instant: true,
  async run({ stage, state, now }) {
    const until = state?.until ?? (stage.startTime ?? now()) + stage.config.waitTime * 1_000;
    if (stage.context.skipRemainingWait === true || now() >= until) return { status: 'succeeded', tasks: [task('Wait', 'SUCCEEDED')] };
    return { status: 'waiting', state: { until }, wakeAtMs: until, tasks: [task('Wait', 'RUNNING')] };
  },
};
