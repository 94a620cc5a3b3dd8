import 'server-only';
import { formatDuration } from '../pipeline/duration';
import { task } from './tasks';
import type { StageHandler, StageView } from './types';

export interface ManualJudgmentState {
  startedAt: number;
}

const TASK = 'Wait for judgment';

/**
 * Waits for `judgmentStatus` (merged into the stage context by the judgment API, which also checks
 * who may judge). With `stageTimeoutMs` it wakes itself at the deadline and fails there; without
 * one it waits for as long as it takes, as in Orca.
 */
export const manualJudgment: StageHandler<'manualJudgment', ManualJudgmentState> = {
  type: 'manualJudgment',
  instant: true,
  // Its own wording: \"No judgment within …\" rather than the generic stage timeout.
  ownTimeout: true,
  async run({ stage, state, now }) {
    const startedAt = state?.startedAt ?? stage.startTime ?? now();
    const { context } = stage;
    const status = typeof context.judgmentStatus === 'string' ? context.judgmentStatus.trim().toLowerCase() : '';
    const input = typeof context.judgmentInput === 'string' ? context.judgmentInput : '';
    const outputs = { judgmentStatus: status, judgmentInput: input };
    if (status === 'continue') return { status: 'succeeded', outputs, tasks: [task(TASK, 'SUCCEEDED')] };
    if (status === 'stop') {
      const reason = `Stopped by ${judgeOf(context)}${input.trim() ? `: ${input.trim()}` : ''}`;
      return { status: 'failed', reason, outputs, tasks: [task(TASK, 'TERMINAL')] };
    }
    // As the engine reads it: stageTimeoutMs counts unless overrideTimeout is explicitly false.
    const timeoutMs = stage.config.overrideTimeout === false ? undefined : stage.config.stageTimeoutMs;
    if (timeoutMs === undefined || timeoutMs <= 0) return { status: 'waiting', state: { startedAt }, tasks: [task(TASK, 'RUNNING')] };
    const deadline = startedAt + timeoutMs;
    if (now() >= deadline) {
      return { status: 'failed', reason: `No judgment within ${formatDuration(timeoutMs)}`, tasks: [task(TASK, 'TERMINAL')] };
    }
    return { status: 'waiting', state: { startedAt }, wakeAtMs: deadline, tasks: [task(TASK, 'RUNNING')] };
  },
};

/** Orca stamps `lastModified.user` (Gate) and `lastModifiedBy` (older clients) on a judged stage. */
function judgeOf(context: StageView['context']): string {
  const lastModified = context.lastModified;
  if (typeof lastModified === 'object' && lastModified !== null && 'user' in lastModified && typeof lastModified.user === 'string' && lastModified.user) {
    return lastModified.user;
  }
  return typeof context.lastModifiedBy === 'string' && context.lastModifiedBy ? context.lastModifiedBy : 'a judge';
}
