import { Workflow } from 'lucide-react';
import type { Metadata } from 'next';
import { ImportPipelinesButton } from '@/components/pipelines/import-pipelines-button';
import { NewPipelineButton } from '@/components/pipelines/new-pipeline-button';
import { PipelineTable } from '@/components/pipelines/pipeline-table';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listPipelines } from '@/lib/db/pipelines';
import { summaryOf } from '@/lib/services/pipeline-summary';
import { loadApplication } from '../load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `Pipelines · ${name}` };
}

export default async function ApplicationPipelinesPage({ params }: Props) {
  const { name } = await params;
  const { application, canWrite } = await loadApplication(name);
  const pipelines = (await listPipelines(application.name)).map(summaryOf);
  const actions = canWrite ? (
    <>
      <ImportPipelinesButton application={application.name} />
      <NewPipelineButton application={application.name} />
    </>
  ) : undefined;
  return (
    <>
      <PageHeader title="Pipelines" description={`The pipelines of ${application.name}, in the order executions list them.`} actions={actions} />
      {pipelines.length === 0 ? (
        <EmptyState icon={<Workflow size={32} />} title="No pipelines yet" action={canWrite ? <NewPipelineButton application={application.name} label="Create the first pipeline" /> : undefined}>
          {canWrite ? 'Create a pipeline and build it stage by stage, or import Spinnaker pipeline JSON.' : `${application.name} has no pipelines yet, and changing that needs write access.`}
        </EmptyState>
      ) : (
        <PipelineTable application={application.name} pipelines={pipelines} canReorder={canWrite} />
      )}
    </>
  );
}
