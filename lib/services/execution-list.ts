import 'server-only';
import { can } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import { applicationResource } from '../auth/resources';
import { visibleApplications } from '../auth/visible-applications';
import { listExecutionRows } from '../db/execution-list-rows';
import { listExecutionSummaries, type ExecutionFilter } from '../db/executions';
import { executionsWithWaitingJudgments } from '../db/judgments';
import type { ApplicationDto } from '../pipeline/application';
import type { ExecutionQuery } from '../pipeline/execution-query';
import type { ExecutionPage } from '../pipeline/execution';
import type { ExecutionListPage } from '../pipeline/execution-list-row';
import { mayJudge } from './executions';

/** The most executions with waiting judgments read at once while looking for ones the caller may decide. */
const MAX_CANDIDATES = 1_000;

/**
 * `awaitingJudgment=me`: the ids of the first page (and one more, for the cursor) of executions
 * matching the filter with a judgment the caller may decide — EXECUTE and the stage's roles, by the
 * judgment route's own rule (mayJudge), applied here in code. Reads the executions with waiting
 * judgments a page at a time, newest first, and further ahead while the caller may decide few of them.
 */
async function idsAwaitingJudgment(user: SessionUser, filter: ExecutionFilter, executable: Map<string, ApplicationDto>): Promise<string[]> {
  const wanted = filter.limit + 1;
  const found: string[] = [];
  let before = filter.before;
  let batch = wanted;
  for (;;) {
    const candidates = await executionsWithWaitingJudgments({ ...filter, before }, batch);
    for (const candidate of candidates) {
      const application = executable.get(candidate.application);
      if (application && candidate.roleContexts.some((context) => mayJudge(user, application, context))) found.push(candidate.id);
      if (found.length === wanted) return found;
    }
    const last = candidates[candidates.length - 1];
    if (candidates.length < batch || !last) return found;
    before = last.id;
    batch = Math.min(batch * 4, MAX_CANDIDATES);
  }
}

/** The query as a filter on what the caller may see; undefined when nothing can match. */
async function filterFor(user: SessionUser, query: ExecutionQuery): Promise<ExecutionFilter | undefined> {
  const visible = (await visibleApplications(user)).filter((a) => !query.application || a.name === query.application);
  const filter: ExecutionFilter = {
    applications: visible.map((a) => a.name),
    pipelineIds: query.pipeline,
    executionIds: query.id,
    statuses: query.statuses,
    from: query.from,
    to: query.to,
    search: query.q,
    before: query.cursor,
    limit: query.limit,
  };
  if (query.awaitingJudgment === 'me') {
    const executable = visible.filter((a) => can(user, 'execute', applicationResource(a)));
    if (executable.length === 0) return undefined;
    filter.executionIds = await idsAwaitingJudgment(user, { ...filter, applications: executable.map((a) => a.name) }, new Map(executable.map((a) => [a.name, a])));
  }
  // An empty id list means "none match", not "no id filter".
  if (filter.applications.length === 0 || filter.executionIds?.length === 0) return undefined;
  return filter;
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
