import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CanaryConfigEditor } from '@/components/canary/config/canary-config-editor';
import { newConfig } from '@/components/canary/config/config-edits';
import { PageHeader } from '@/components/ui/page-header';
import { loadApplication } from '../../load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string }> };

export const metadata: Metadata = { title: 'New canary config' };

export default async function NewCanaryConfigPage({ params }: Props) {
  const { name } = await params;
  const { application, canWrite } = await loadApplication(name);
  // Creating needs WRITE; readers have nothing to see here.
  if (!canWrite) notFound();
  return (
    <>
      <PageHeader title="New canary config" description={`For ${application.name}.`} />
      <CanaryConfigEditor application={application.name} initial={newConfig()} canWrite />
    </>
  );
}
