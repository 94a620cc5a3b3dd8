import 'server-only';
import type { SessionUser } from '../auth/principal';
import { listExecutionRows } from '../db/execution-list-rows';
import { listExecutionSummaries, type ExecutionFilter } from '../db/executions';
import type { ExecutionQuery } from '../pipeline/execution-query';
import type { ExecutionPage } from '../pipeline/execution';
import type { ExecutionListPage } from '../pipeline/execution-list-row';
import { visibleApplicationNames } from './executions';
import { judgmentsAwaiting } from './judgments';

/** The query as a filter on what the caller may see; undefined when nothing can match. */
async function filterFor(user: SessionUser, query: ExecutionQuery): Promise<ExecutionFilter | undefined> {
  const visible = await visibleApplicationNames(user);
  const applications = query.application ? visible.filter((a) => a === query.application) : visible;
  let executionIds = query.id;
  if (query.awaitingJudgment === 'me') {
    const awaiting = new Set((await judgmentsAwaiting(user)).map((j) => j.executionId));
    executionIds = executionIds ? executionIds.filter((id) => awaiting.has(id)) : [...awaiting];
  }
  // An empty id list means "none match", not "no id filter".
  if (applications.length === 0 || executionIds?.length === 0) return undefined;
  return {
    applications,
    pipelineIds: query.pipeline,
    executionIds,
    statuses: query.statuses,
    from: query.from,
    to: query.to,
    search: query.q,
    before: query.cursor,
    limit: query.limit,
  };
}

/** GET /api/v1/executions: the caller's visible executions, narrowed by the query, one page of full rows. */
export async function listExecutionsFor(user: SessionUser, query: ExecutionQuery): Promise<ExecutionPage> {
  const filter = await filterFor(user, query);
  return filter ? listExecutionSummaries(filter) : { executions: [], nextCursor: null };
}

/** The same page with `?view=summary` rows: a stage status summary instead of stage objects. */
export async function listExecutionRowsFor(user: SessionUser, query: ExecutionQuery): Promise<ExecutionListPage> {
  const filter = await filterFor(user, query);
  return filter ? listExecutionRows(filter) : { executions: [], nextCursor: null };
}
