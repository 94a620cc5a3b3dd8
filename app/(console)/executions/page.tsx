import type { Metadata } from 'next';
import { ExecutionList } from '@/components/executions/list/execution-list';
import { filtersToSearch, parseListFilters } from '@/components/executions/list/list-filters';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/page-session';
import { loadExecutionList } from './load-list';

export const metadata: Metadata = { title: 'Executions' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Executions across every application the user can see (the judgment badge links here, filtered). */
export default async function ExecutionsPage({ searchParams }: Props) {
  const user = await requirePageUser();
  const filters = parseListFilters(await searchParams);
  const { initial, pipelines, eventsSince } = await loadExecutionList(user, filters);
  return (
    <>
      <PageHeader title="Executions" description={filters.awaitingMyJudgment ? 'Runs waiting for your manual judgment, across applications.' : 'Pipeline runs across the applications you can see, newest first, updated live.'} />
      <ExecutionList key={filtersToSearch(filters)} initial={initial} filters={filters} pipelines={pipelines} eventsSince={eventsSince} />
    </>
  );
}
