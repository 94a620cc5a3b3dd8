import { artifactsInScope } from '../pipeline/execution-artifacts';
import type { ExecutionView, StageView } from './types';

/**
 * The execution as artifact lookups should see it from `stage`: its trigger's resolvedExpectedArtifacts
 * and artifacts preceded by those of the stages upstream (a findArtifactFromExecution before a deploy).
 * Only for binding artifacts: expressions keep reading the trigger as it was received.
 */
export function withUpstreamArtifacts(execution: ExecutionView, stage: StageView, stages: readonly StageView[]): ExecutionView {
  return { ...execution, trigger: { ...execution.trigger, ...artifactsInScope(execution.trigger, stage, stages) } };
}
