import 'server-only';
import type { ExecutionRow } from '../db/engine/rows';
import { countAhead, lockPipelineQueue } from '../db/engine/concurrency';
import type { Tx } from '../db/pool';

/**
 * Whether an execution must wait for others of its pipeline (§3.4.1): with limitConcurrent (the
 * default) while any other runs or an older one waits to start; otherwise while maxConcurrentExecutions
 * (> 0) are running or ahead in line. Takes the pipeline's queue lock, so concurrent starters decide one
 * after another, in trigger order.
 */
export async function mustWait(tx: Tx, execution: Pick<ExecutionRow, 'id' | 'pipelineId' | 'config'>): Promise<boolean> {
  if (!execution.pipelineId) return false;
  const limitConcurrent = execution.config.limitConcurrent !== false;
  const max = Number(execution.config.maxConcurrentExecutions ?? 0);
  const capped = Number.isFinite(max) && max > 0;
  // Without a limit there is nothing to decide, and the lock would serialise every start.
  if (!limitConcurrent && !capped) return false;
  await lockPipelineQueue(tx, execution.pipelineId);
  const ahead = await countAhead(tx, execution.pipelineId, execution.id);
  return limitConcurrent ? ahead > 0 : ahead >= max;
}
