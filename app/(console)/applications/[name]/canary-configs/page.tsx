import { Gauge } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { CanaryConfigTable } from '@/components/canary/config/canary-config-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listVisibleCanaryConfigs } from '@/lib/services/canary-configs';
import { loadApplication } from '../load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `Canary configs · ${name}` };
}

const newButton = 'inline-flex h-9 items-center rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:bg-accent-hover';

export default async function CanaryConfigsPage({ params }: Props) {
  const { name } = await params;
  const { user, application, canWrite } = await loadApplication(name);
  const configs = await listVisibleCanaryConfigs(user, application.name);
  const create = canWrite ? (
    <Link className={newButton} href={`/applications/${encodeURIComponent(application.name)}/canary-configs/new`}>
      New canary config
    </Link>
  ) : undefined;
  return (
    <>
      <PageHeader title="Canary configs" description={`The metrics, groups and weights canary analyses of ${application.name} judge with (Kayenta format).`} actions={create} />
      {configs.length === 0 ? (
        <EmptyState icon={<Gauge size={32} />} title="No canary configs yet" action={create}>
          {canWrite ? 'Create one here, or save Kayenta JSON with spin canary canary-config save.' : `${application.name} has no canary configs yet, and adding one needs write access.`}
        </EmptyState>
      ) : (
        <CanaryConfigTable application={application.name} configs={configs} />
      )}
    </>
  );
}
