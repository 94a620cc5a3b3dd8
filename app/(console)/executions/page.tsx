import { Activity } from 'lucide-react';
import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { requirePageUser } from '@/lib/auth/page-session';
import { visibleApplications } from '@/lib/auth/visible-applications';
import { listRecentExecutions } from '@/lib/db/executions';

export const metadata: Metadata = { title: 'Executions' };
export const dynamic = 'force-dynamic';

export default async function ExecutionsPage() {
  const user = await requirePageUser();
  const mine = new Set((await visibleApplications(user)).map((app) => app.name));
  const executions = await listRecentExecutions([...mine]);
  return (
    <>
      <PageHeader title="Executions" description="Recent pipeline runs across applications." />
      {executions.length === 0 ? (
        <EmptyState icon={<Activity size={32} />} title="No executions yet">
          Runs appear here as soon as a pipeline is triggered — by hand, by a push, an image, a schedule or another pipeline.
        </EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-line">
            {executions.map((e) => (
              <li key={e.id} className="flex items-center justify-between px-4 py-3 text-sm">
                <span>
                  {e.application} / <span className="font-medium">{e.name}</span>
                </span>
                <span className="flex items-center gap-3 text-muted">
                  <span className="font-mono text-xs">{e.status}</span>
                  {e.startTime !== null && <RelativeTime iso={new Date(e.startTime).toISOString()} />}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
