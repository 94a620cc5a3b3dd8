import 'server-only';
import type { SessionUser } from '../auth/principal';
import { listExecutionSummaries } from '../db/executions';
import type { ExecutionQuery } from '../pipeline/execution-query';
import type { ExecutionPage } from '../pipeline/execution';
import { visibleApplicationNames } from './executions';
import { judgmentsAwaiting } from './judgments';

/** GET /api/v1/executions: the caller's visible executions, narrowed by the query, one page. */
export async function listExecutionsFor(user: SessionUser, query: ExecutionQuery): Promise<ExecutionPage> {
  const visible = await visibleApplicationNames(user);
  const applications = query.application ? visible.filter((a) => a === query.application) : visible;
  let executionIds = query.id;
  if (query.awaitingJudgment === 'me') {
    const awaiting = new Set((await judgmentsAwaiting(user)).map((j) => j.executionId));
    executionIds = executionIds ? executionIds.filter((id) => awaiting.has(id)) : [...awaiting];
  }
  // An empty id list means "none match", not "no id filter".
  if (applications.length === 0 || executionIds?.length === 0) return { executions: [], nextCursor: null };
  return listExecutionSummaries({
    applications,
    pipelineIds: query.pipeline,
    executionIds,
    statuses: query.statuses,
    from: query.from,
    to: query.to,
    search: query.q,
    before: query.cursor,
    limit: query.limit,
  });
}
