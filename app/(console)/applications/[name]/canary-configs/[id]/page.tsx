import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CanaryConfigEditor } from '@/components/canary/config/canary-config-editor';
import type { ConfigDocument } from '@/components/canary/config/config-edits';
import { PageHeader } from '@/components/ui/page-header';
import { isDomainError } from '@/lib/errors';
import { viewOfCanaryConfig, visibleCanaryConfig } from '@/lib/services/canary-configs';
import { loadApplication } from '../../load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Canary config ${id}` };
}

export default async function CanaryConfigPage({ params }: Props) {
  const { name, id } = await params;
  const { user, application, canWrite } = await loadApplication(name);
  const found = await visibleCanaryConfig(user, application.name, id).catch((err: unknown) => {
    if (isDomainError(err) && err.status === 404) notFound();
    throw err;
  });
  const view = viewOfCanaryConfig(found.record);
  return (
    <>
      <PageHeader title={found.record.name} description={`Version ${view.version}${view.updatedBy ? `, saved by ${view.updatedBy}` : ''}.`} />
      {/* Keyed by version so a save that changes the stored config re-initialises the editor. */}
      <CanaryConfigEditor key={view.version} application={application.name} id={found.record.id} version={view.version} initial={view.config as ConfigDocument} canWrite={canWrite} />
    </>
  );
}
