import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ApplicationDetails } from '@/components/applications/application-details';
import { EditApplicationForm } from '@/components/applications/edit-application-form';
import { DeleteApplicationButton } from '@/components/applications/delete-application-button';
import { PageHeader } from '@/components/ui/page-header';
import { PermissionsForm } from '@/components/applications/permissions-form';
import { PushChangeButton } from '@/components/demo/push-change';
import { DemoWorldPanel } from '@/components/demo/world-panel';
import { requirePageUser } from '@/lib/auth/page-session';
import { can } from '@/lib/auth/permissions';
import { applicationResource } from '@/lib/auth/resources';
import { findApplication } from '@/lib/db/applications';
import { demoApplicationName } from '@/lib/world/demo-paths';
import { demoWorldStatus, hasDemoWorld } from '@/lib/world/demo-status';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: name };
}

export default async function ApplicationPage({ params }: Props) {
  const { name } = await params;
  const user = await requirePageUser();
  const application = await findApplication(name);
  if (!application || !can(user, 'read', applicationResource(application))) notFound();
  const mayWrite = can(user, 'write', applicationResource(application));
  const demoWorld = application.name === demoApplicationName && hasDemoWorld() ? demoWorldStatus() : undefined;
  return (
    <>
      <PageHeader title={application.name} description={application.description || 'No description yet.'} actions={mayWrite ? <DeleteApplicationButton name={application.name} /> : undefined} />
      {demoWorld && (
        <div className="mb-6 flex flex-col gap-3">
          <DemoWorldPanel initial={demoWorld} />
          <PushChangeButton application={application.name} mayExecute={can(user, 'execute', applicationResource(application))} executeRoles={application.permissions.EXECUTE} />
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-6">
          <EditApplicationForm application={application} readOnlyReason={mayWrite ? undefined : `You can see ${application.name} but not change it: that needs one of the roles ${application.permissions.WRITE.join(', ') || '(administrators only)'}.`} />
          {user.isAdmin && <PermissionsForm application={application} />}
        </div>
        <ApplicationDetails application={application} />
      </div>
    </>
  );
}
