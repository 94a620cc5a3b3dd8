import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ExecutionView } from '@/components/executions/detail/execution-view';
import { can } from '@/lib/auth/permissions';
import { applicationResource } from '@/lib/auth/resources';
import { findExecutionConfig } from '@/lib/db/execution-config';
import { isDomainError } from '@/lib/errors';
import { judgeableStageIds, visibleExecutionSummary } from '@/lib/services/executions';
import { loadApplication } from '../../load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string; id: string }>; searchParams: Promise<{ stage?: string | string[] }> };

/**
 * The execution in this application, or 404 — for missing, invisible and other applications' alike.
 * Stage summaries only: a stage's context and outputs (often tens of KB each) load when it is opened.
 */
async function load(name: string, id: string) {
  const access = await loadApplication(name);
  const found = await visibleExecutionSummary(access.user, id).catch((err: unknown) => {
    if (isDomainError(err) && err.status === 404) notFound();
    throw err;
  });
  if (found.execution.application !== access.application.name) notFound();
  // Read with the execution, so durations of running stages are measured against the same clock.
  return { ...access, execution: found.execution, renderedAt: Date.now() };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, id } = await params;
  const { execution } = await load(name, id);
  return { title: `${execution.name} execution · ${name}` };
}

export default async function ExecutionPage({ params, searchParams }: Props) {
  const { name, id } = await params;
  const { stage } = await searchParams;
  const { user, application, execution, renderedAt } = await load(name, id);
  const permissions = {
    canExecute: can(user, 'execute', applicationResource(application)),
    judgeableStageIds: await judgeableStageIds(user, application, execution.id),
  };
  const sourceConfig = (await findExecutionConfig(execution.id)) ?? null;
  const listHref = `/applications/${encodeURIComponent(application.name)}/executions`;
  const initialStageId = typeof stage === 'string' && execution.stages.some((s) => s.id === stage) ? stage : undefined;
  return (
    <>
      <Link href={listHref} className="mb-3 inline-flex items-center gap-1 text-sm text-muted hover:text-fg hover:underline">
        <ArrowLeft size={14} aria-hidden="true" /> All executions
      </Link>
      <ExecutionView initial={execution} permissions={permissions} sourceConfig={sourceConfig} listHref={listHref} renderedAt={renderedAt} initialStageId={initialStageId} />
    </>
  );
}
