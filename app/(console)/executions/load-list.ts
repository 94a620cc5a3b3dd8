import 'server-only';
import type { ListPipeline } from '@/components/executions/list/execution-list';
import { filtersToApiQuery, type ListFilters } from '@/components/executions/list/list-filters';
import { startParameters } from '@/components/executions/start-parameters';
import { can } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/principal';
import { applicationResource } from '@/lib/auth/resources';
import { visibleApplications } from '@/lib/auth/visible-applications';
import { latestEventId } from '@/lib/db/events';
import { listPipelines } from '@/lib/db/pipelines';
import type { ExecutionPage } from '@/lib/pipeline/execution';
import { executionQuerySchema } from '@/lib/pipeline/execution-query';
import type { ApplicationDto } from '@/lib/pipeline/application';
import { listExecutionsFor } from '@/lib/services/execution-list';
import { pageSize } from '@/components/executions/list/fetch-executions';

export interface ExecutionListData {
  initial: ExecutionPage;
  pipelines: ListPipeline[];
  eventsSince: string;
}

async function pipelinesOf(user: SessionUser, application: ApplicationDto, prefixName: boolean): Promise<ListPipeline[]> {
  // EXECUTE is decided here so the UI offers Start only to those the server would let start it.
  const mayExecute = can(user, 'execute', applicationResource(application));
  return (await listPipelines(application.name)).map((record) => {
    const parameters = startParameters(record.config.parameterConfig);
    return {
      id: record.id,
      name: prefixName ? `${application.name} / ${record.name}` : record.name,
      application: application.name,
      pinned: parameters.filter((p) => p.pinned).map((p) => ({ name: p.name, label: p.label })),
      parameters: mayExecute && !record.disabled ? parameters : null,
    };
  });
}

/**
 * The first page of executions for the URL's filters (rendered on the server, so the page works
 * before its JavaScript loads) and the pipelines the list groups by. One application, or every
 * application the user can see; across applications only those on the first page are described.
 */
export async function loadExecutionList(user: SessionUser, filters: ListFilters, application?: ApplicationDto): Promise<ExecutionListData> {
  // The same query the browser sends for later pages, parsed by the API's own schema.
  const query = executionQuerySchema.parse(Object.fromEntries(new URLSearchParams(filtersToApiQuery(filters, { application: application?.name, limit: pageSize }))));
  // Read before the page, so the browser's stream replays anything that changes after this point.
  const eventsSince = String(await latestEventId());
  const initial = await listExecutionsFor(user, query);
  if (application) return { initial, eventsSince, pipelines: await pipelinesOf(user, application, false) };
  const shown = new Set(initial.executions.map((e) => e.application));
  const applications = (await visibleApplications(user)).filter((a) => shown.has(a.name));
  return { initial, eventsSince, pipelines: (await Promise.all(applications.map((a) => pipelinesOf(user, a, true)))).flat() };
}
