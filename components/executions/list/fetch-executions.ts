import { ApiError, apiFetch } from '@/components/api/client';
import { executionDtoSchema, executionPageSchema, type ExecutionPage, type ExecutionSummary } from '@/lib/pipeline/execution';
import { filtersToApiQuery, type ListFilters } from './list-filters';

export const pageSize = 50;

/** The next page of the list, after the cursor the previous page returned. */
export function fetchPage(filters: ListFilters, application: string | undefined, cursor: string): Promise<ExecutionPage> {
  return apiFetch(`/api/v1/executions?${filtersToApiQuery(filters, { application, cursor, limit: pageSize })}`, executionPageSchema);
}

/** One execution via its own endpoint, trimmed to a list row. */
async function fetchOne(id: string): Promise<ExecutionSummary | undefined> {
  try {
    const e = await apiFetch(`/api/v1/executions/${encodeURIComponent(id)}`, executionDtoSchema);
    return { ...e, stages: e.stages.map(({ context: _c, outputs: _o, tasks: _t, ...rest }) => rest) };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined; // deleted meanwhile
    throw err;
  }
}

/**
 * The named executions, as rows, that match `filters` (pass no filters to refresh rows already shown).
 * Servers without the list's `id` filter answer 422; then each execution is read on its own and
 * only those matching the status and pipeline filters are kept.
 */
export async function fetchByIds(ids: string[], filters: ListFilters, application: string | undefined): Promise<ExecutionSummary[]> {
  try {
    const page = await apiFetch(`/api/v1/executions?${filtersToApiQuery(filters, { application, ids, limit: Math.min(200, ids.length) })}`, executionPageSchema);
    return page.executions;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 422)) throw err;
    const rows = (await Promise.all(ids.map(fetchOne))).filter((e): e is ExecutionSummary => e !== undefined);
    return rows.filter((e) => (!filters.statuses.length || (filters.statuses as string[]).includes(e.status)) && (!filters.pipelines.length || filters.pipelines.includes(e.pipelineConfigId ?? '')));
  }
}
