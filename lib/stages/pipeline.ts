import 'server-only';
import { taskSequence } from './tasks';
import type { StageHandler } from './types';

export interface PipelineState {
  childId: string;
  childName: string;
}

const TASKS = ['Start pipeline', 'Wait for pipeline'] as const;
const POLL_MS = 2_000;
/** Execution statuses that halt (reference §3.3): the child will never succeed. */
const HALTED = new Set(['TERMINAL', 'CANCELED', 'STOPPED']);

/**
 * Runs another pipeline as a child. The engine also wakes this stage when the child completes, so
 * the poll interval only bounds the delay if that wake-up is lost.
 */
export const pipeline: StageHandler<'pipeline', PipelineState> = {
  type: 'pipeline',
  async run({ stage, state, execution, services, signal }) {
    const { config } = stage;
    const waits = config.waitForCompletion !== false;
    const tasks = waits ? TASKS : TASKS.slice(0, 1);
    if (!state) {
      const application = config.application.trim() || execution.application;
      let child: { executionId: string; name: string };
      try {
        child = await services.startChildPipeline({ application, pipelineId: config.pipeline, parameters: toParameters(config.pipelineParameters) });
      } catch (err) {
        // On shutdown the engine re-runs the stage elsewhere; otherwise the reason (not found, not allowed, refused) is for the user.
        if (signal.aborted) throw err;
        const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
        return { status: 'failed', reason: `Could not start pipeline ${config.pipeline} of ${application}: ${why}`, tasks: taskSequence(tasks, 0, 'TERMINAL') };
      }
      const started = { childId: child.executionId, childName: child.name };
      if (!waits) return { status: 'succeeded', outputs: { executionId: child.executionId, executionName: child.name }, tasks: taskSequence(tasks, 1, 'SUCCEEDED') };
      return { status: 'running', state: started, pollAfterMs: POLL_MS, outputs: { executionId: child.executionId, executionName: child.name }, tasks: taskSequence(tasks, 1, 'RUNNING') };
    }
    const summary = await services.executionSummary(state.childId);
    if (!summary) {
      return { status: 'failed', reason: `Child pipeline ${state.childName} (execution ${state.childId}) no longer exists; it may have been deleted`, tasks: taskSequence(tasks, 1, 'TERMINAL') };
    }
    const ids = { executionId: summary.id, executionName: summary.name || state.childName, status: summary.status };
    if (summary.status === 'SUCCEEDED') return { status: 'succeeded', outputs: { ...summary.outputs, ...ids }, tasks: taskSequence(tasks, 2, 'SUCCEEDED') };
    if (HALTED.has(summary.status)) {
      return { status: 'failed', reason: `Child pipeline ${ids.executionName} ended ${summary.status}; open execution ${summary.id} to see why`, outputs: ids, tasks: taskSequence(tasks, 1, 'TERMINAL') };
    }
    return { status: 'running', state, pollAfterMs: POLL_MS, outputs: ids, tasks: taskSequence(tasks, 1, 'RUNNING') };
  },

  async cancel({ state, services }) {
    if (state) await services.cancelExecution(state.childId, 'parent canceled');
  },
};

/** The child's trigger parameters are strings (as Gate sends them); structured values go as JSON. */
function toParameters(values: Record<string, unknown> | undefined): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null) continue;
    parameters[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return parameters;
}
