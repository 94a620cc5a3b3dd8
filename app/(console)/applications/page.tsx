import { Boxes } from 'lucide-react';
import type { Metadata } from 'next';
import { ApplicationTable } from '@/components/applications/application-table';
import { CreateApplicationButton } from '@/components/applications/create-application-button';
import { SearchBox } from '@/components/applications/search-box';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { countApplications, listApplications } from '@/lib/db/applications';

export const metadata: Metadata = { title: 'Applications' };
export const dynamic = 'force-dynamic';

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  const search = typeof q === 'string' ? q.slice(0, 100) : undefined;
  const applications = await listApplications({ search });
  const total = search ? await countApplications() : applications.length;

  return (
    <>
      <PageHeader title="Applications" description="Each application owns its pipelines, canary configs and permissions." actions={<CreateApplicationButton />} />
      {total === 0 ? (
        <EmptyState icon={<Boxes size={32} />} title="No applications yet" action={<CreateApplicationButton label="Create your first application" />}>
          An application groups the pipelines that build, canary and release one service. Create one to start.
        </EmptyState>
      ) : (
        <>
          <div className="mb-4">
            <SearchBox initial={search ?? ''} />
          </div>
          {applications.length === 0 ? (
            <EmptyState title="No matching applications">Nothing matches “{search}”. Try another name, description or owner email.</EmptyState>
          ) : (
            <ApplicationTable applications={applications} />
          )}
        </>
      )}
    </>
  );
}
