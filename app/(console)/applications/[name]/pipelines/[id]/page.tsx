import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PipelineEditor } from '@/components/pipelines/pipeline-editor';
import { can } from '@/lib/auth/permissions';
import { applicationResource } from '@/lib/auth/resources';
import { viewOf } from '@/lib/services/pipelines';
import { templatedViewFor } from '@/lib/services/template-resolution';
import { loadPipeline } from '../../load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, id } = await params;
  const { record } = await loadPipeline(name, id);
  return { title: `${record.name} · ${name}` };
}

export default async function PipelineEditorPage({ params }: Props) {
  const { name, id } = await params;
  const { user, application, record, canWrite } = await loadPipeline(name, id);
  const canExecute = can(user, 'execute', applicationResource(application));
  const templated = await templatedViewFor(user, record.config);
  const base = `/applications/${encodeURIComponent(application.name)}/pipelines`;
  return (
    <>
      <Link href={base} className="mb-3 inline-flex items-center gap-1 text-sm text-muted hover:text-fg hover:underline">
        <ArrowLeft size={14} aria-hidden="true" /> All pipelines
      </Link>
      <PipelineEditor application={application.name} initial={viewOf(record)} canWrite={canWrite} canExecute={canExecute} historyHref={`${base}/${encodeURIComponent(record.id)}/history`} templated={templated} />
    </>
  );
}
