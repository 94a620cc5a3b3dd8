import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LiveStageReport } from '@/components/canary/report/live-stage-report';
import { PageHeader } from '@/components/ui/page-header';
import { isDomainError } from '@/lib/errors';
import { summariseExecution } from '@/lib/pipeline/execution';
import { visibleExecution } from '@/lib/services/executions';
import { loadApplication } from '../../../../load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string; id: string; stageId: string }> };

const canaryTypes = new Set(['kayentaCanary', 'canaryRelease']);

/** The canary stage of an execution of this application, or 404 (missing, invisible and other stage types alike). */
async function load(name: string, id: string, stageId: string) {
  const { application, user } = await loadApplication(name);
  const found = await visibleExecution(user, id).catch((err: unknown) => {
    if (isDomainError(err) && err.status === 404) notFound();
    throw err;
  });
  if (found.execution.application !== application.name) notFound();
  const stage = found.execution.stages.find((s) => s.id === stageId);
  if (!stage || !canaryTypes.has(stage.type)) notFound();
  return { application, execution: found.execution, stage };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, id, stageId } = await params;
  const { stage } = await load(name, id, stageId);
  return { title: `Canary report · ${stage.name} · ${name}` };
}

export default async function CanaryStageReportPage({ params }: Props) {
  const { name, id, stageId } = await params;
  const { application, execution, stage } = await load(name, id, stageId);
  const executionHref = `/applications/${encodeURIComponent(application.name)}/executions/${encodeURIComponent(execution.id)}?stage=${encodeURIComponent(stage.id)}`;
  return (
    <>
      <Link href={executionHref} className="mb-3 inline-flex items-center gap-1 text-sm text-muted hover:text-fg hover:underline">
        <ArrowLeft size={14} aria-hidden="true" /> {execution.name} execution
      </Link>
      <PageHeader title={`Canary report: ${stage.name}`} description={`Application ${application.name}; every interval's score and the evidence behind each metric's verdict.`} />
      <LiveStageReport initial={summariseExecution(execution)} initialStage={stage} />
    </>
  );
}
