import type { Metadata } from 'next';
import { InfrastructureView } from '@/components/infrastructure/infrastructure-view';
import { PageHeader } from '@/components/ui/page-header';
import { infrastructureQuerySchema } from '@/lib/pipeline/kubernetes-views';
import { applicationInfrastructure } from '@/lib/services/infrastructure';
import { loadApplication } from '../load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `Infrastructure · ${name}` };
}

export default async function InfrastructurePage({ params }: Props) {
  const { name } = await params;
  const { user, application } = await loadApplication(name);
  const initial = await applicationInfrastructure(user, application.name, infrastructureQuerySchema.parse({}));
  return (
    <>
      <PageHeader title="Infrastructure" description={`What Foresail runs for ${application.name}: workloads, their ReplicaSets and pods, per Kubernetes account.`} />
      <InfrastructureView initial={initial} />
    </>
  );
}
