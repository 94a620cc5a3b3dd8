import type { Metadata } from 'next';
import { ExecutionList } from '@/components/executions/list/execution-list';
import { filtersToSearch, parseListFilters } from '@/components/executions/list/list-filters';
import { StartExecutionButton } from '@/components/executions/start-execution-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { loadExecutionList } from '../../../executions/load-list';
import { loadApplication } from '../load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `Executions · ${name}` };
}

export default async function ApplicationExecutionsPage({ params, searchParams }: Props) {
  const { name } = await params;
  const { user, application } = await loadApplication(name);
  const filters = parseListFilters(await searchParams);
  const { initial, pipelines, eventsSince } = await loadExecutionList(user, filters, application);
  const startable = pipelines.flatMap((p) => (p.parameters ? [{ id: p.id, name: p.name, application: p.application, parameters: p.parameters }] : []));
  return (
    <>
      <PageHeader
        title="Executions"
        description={`Runs of ${application.name}'s pipelines, newest first, updated live.`}
        actions={startable.length > 0 ? <StartExecutionButton pipelines={startable} label="Start pipeline" size="md" /> : undefined}
      />
      {/* Keyed by the filters: a new URL brings a new server-rendered first page and fresh list state. */}
      <ExecutionList key={filtersToSearch(filters)} initial={initial} filters={filters} application={application.name} pipelines={pipelines} eventsSince={eventsSince} />
    </>
  );
}
