import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PipelineBadges } from '@/components/pipelines/pipeline-badges';
import { RevisionHistory } from '@/components/pipelines/revision-history';
import { listRevisions } from '@/lib/db/pipelines';
import { loadPipeline } from '../../../load';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, id } = await params;
  const { record } = await loadPipeline(name, id);
  return { title: `History of ${record.name} · ${name}` };
}

export default async function PipelineHistoryPage({ params }: Props) {
  const { name, id } = await params;
  const { application, record, canWrite } = await loadPipeline(name, id);
  const revisions = await listRevisions(record.id);
  const editor = `/applications/${encodeURIComponent(application.name)}/pipelines/${encodeURIComponent(record.id)}`;
  return (
    <>
      <Link href={editor} className="mb-3 inline-flex items-center gap-1 text-sm text-muted hover:text-fg hover:underline">
        <ArrowLeft size={14} aria-hidden="true" /> Back to the editor
      </Link>
      <div className="mb-6">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">History of {record.name}</h1>
          <PipelineBadges disabled={record.disabled} locked={record.locked} />
        </div>
        <p className="mt-1 text-sm text-muted">Every save is a revision. Restoring one saves it again as a new version; history is never rewritten.</p>
      </div>
      <RevisionHistory
        application={application.name}
        pipelineId={record.id}
        currentVersion={record.version}
        revisions={revisions}
        restoreBlocked={!canWrite ? 'Restoring needs write access.' : record.locked ? 'The pipeline is locked; unlock it to restore a revision.' : undefined}
      />
    </>
  );
}
