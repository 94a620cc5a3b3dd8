import { executionStatuses, type ExecutionStatus } from '@/lib/pipeline/status';

/** How the executions page groups its rows. */
export const groupings = ['pipeline', 'time', 'none'] as const;
export type Grouping = (typeof groupings)[number];

/** The executions page's filters, as the URL holds them (shareable; the back button restores them). */
export interface ListFilters {
  statuses: ExecutionStatus[];
  pipelines: string[];
  q: string;
  awaitingMyJudgment: boolean;
  group: Grouping;
}

export const emptyFilters: ListFilters = { statuses: [], pipelines: [], q: '', awaitingMyJudgment: false, group: 'pipeline' };

type SearchParamsLike = Record<string, string | string[] | undefined> | URLSearchParams;

function read(params: SearchParamsLike, key: string): string {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

const csv = (value: string): string[] => [...new Set(value.split(',').map((v) => v.trim()).filter(Boolean))];
const isStatus = (value: string): value is ExecutionStatus => (executionStatuses as readonly string[]).includes(value);
const isGrouping = (value: string): value is Grouping => (groupings as readonly string[]).includes(value);

/** Reads filters from the page's search params; unknown statuses and groupings are dropped, not errors. */
export function parseListFilters(params: SearchParamsLike): ListFilters {
  const group = read(params, 'group');
  return {
    statuses: csv(read(params, 'statuses')).filter(isStatus),
    pipelines: csv(read(params, 'pipeline')).filter((id) => id.length <= 100),
    q: read(params, 'q').trim().slice(0, 200),
    awaitingMyJudgment: read(params, 'awaitingJudgment') === 'me',
    group: isGrouping(group) ? group : 'pipeline',
  };
}

/** The page URL's query for these filters (defaults left out, so plain links stay plain). */
export function filtersToSearch(filters: ListFilters): string {
  const params = new URLSearchParams();
  if (filters.statuses.length) params.set('statuses', filters.statuses.join(','));
  if (filters.pipelines.length) params.set('pipeline', filters.pipelines.join(','));
  if (filters.q) params.set('q', filters.q);
  if (filters.awaitingMyJudgment) params.set('awaitingJudgment', 'me');
  if (filters.group !== 'pipeline') params.set('group', filters.group);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** `GET /api/v1/executions` query for these filters (grouping is presentation only). */
export function filtersToApiQuery(filters: ListFilters, extra: { application?: string; cursor?: string; ids?: string[]; limit?: number } = {}): string {
  const params = new URLSearchParams();
  if (extra.application) params.set('application', extra.application);
  if (filters.statuses.length) params.set('statuses', filters.statuses.join(','));
  if (filters.pipelines.length) params.set('pipeline', filters.pipelines.join(','));
  if (filters.q) params.set('q', filters.q);
  if (filters.awaitingMyJudgment) params.set('awaitingJudgment', 'me');
  if (extra.ids?.length) params.set('id', extra.ids.join(','));
  if (extra.cursor) params.set('cursor', extra.cursor);
  if (extra.limit) params.set('limit', String(extra.limit));
  return params.toString();
}

export function hasActiveFilters(filters: ListFilters): boolean {
  return filters.statuses.length > 0 || filters.pipelines.length > 0 || filters.q !== '' || filters.awaitingMyJudgment;
}
