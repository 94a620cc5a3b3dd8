import { Boxes } from 'lucide-react';
import type { Metadata } from 'next';
import { ApplicationTable } from '@/components/applications/application-table';
import { CreateApplicationButton } from '@/components/applications/create-application-button';
import { SearchBox } from '@/components/applications/search-box';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageUser } from '@/lib/auth/page-session';
import { can } from '@/lib/auth/permissions';
import { applicationResource } from '@/lib/auth/resources';
import { listApplications } from '@/lib/db/applications';

export const metadata: Metadata = { title: 'Applications' };
export const dynamic = 'force-dynamic';

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  const search = typeof q === 'string' ? q.slice(0, 100) : undefined;
  const user = await requirePageUser();
  const visible = (app: Parameters<typeof applicationResource>[0]) => can(user, 'read', applicationResource(app));
  const applications = (await listApplications({ search })).filter(visible);
  const total = search ? (await listApplications()).filter(visible).length : applications.length;
  const create = user.canCreateApplications ? <CreateApplicationButton /> : undefined;

  return (
    <>
      <PageHeader title="Applications" description="Each application owns its pipelines, canary configs and permissions." actions={create} />
      {total === 0 && user.canCreateApplications ? (
        <EmptyState icon={<Boxes size={32} />} title="No applications yet" action={<CreateApplicationButton label="Create your first application" />}>
          An application groups the pipelines that build, canary and release one service. Create one to start.
        </EmptyState>
      ) : total === 0 ? (
        user.roles.length === 0 ? (
          <EmptyState icon={<Boxes size={32} />} title="You have no roles yet">
            Your account is in no group that gives roles in Foresail, so there is no application you may see. Ask an administrator to add you to a group.
          </EmptyState>
        ) : (
          <EmptyState icon={<Boxes size={32} />} title="Nothing to see here yet">
            You do not have access to any application. Ask an application&apos;s owner or an administrator to grant one of your roles ({user.roles.join(', ')}) access.
          </EmptyState>
        )
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
