import { Workflow } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PipelineBadges } from '@/components/pipelines/pipeline-badges';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { requirePageUser } from '@/lib/auth/page-session';
import { visibleApplications } from '@/lib/auth/visible-applications';
import { listPipelineSummaries } from '@/lib/db/pipelines';

export const metadata: Metadata = { title: 'Pipelines' };
export const dynamic = 'force-dynamic';

export default async function PipelinesPage() {
  const user = await requirePageUser();
  const mine = new Set((await visibleApplications(user)).map((app) => app.name));
  const pipelines = (await listPipelineSummaries()).filter((row) => mine.has(row.application));
  return (
    <>
      <PageHeader title="Pipelines" description="Pipelines of every application you can see." />
      {pipelines.length === 0 ? (
        <EmptyState icon={<Workflow size={32} />} title="No pipelines yet">
          Pipelines belong to an application. They appear here once one is saved, imported, or sent with <code>spin pipeline save</code>.
        </EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-line">
            {pipelines.map((p) => (
              <li key={p.id} className="flex items-center justify-between px-4 py-3 text-sm">
                <span>
                  <Link href={`/applications/${encodeURIComponent(p.application)}/pipelines`} className="text-muted hover:underline">
                    {p.application}
                  </Link>{' '}
                  /{' '}
                  <Link href={`/applications/${encodeURIComponent(p.application)}/pipelines/${encodeURIComponent(p.id)}`} className="font-medium text-accent underline-offset-4 hover:underline">
                    {p.name}
                  </Link>
                  <span className="ml-2 inline-flex gap-1.5 align-middle">
                    <PipelineBadges disabled={p.disabled} locked={p.locked} />
                  </span>
                </span>
                <span className="text-muted">
                  <RelativeTime iso={p.updatedAt} />
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
