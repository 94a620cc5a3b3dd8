'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { apiFetch } from '@/components/api/client';
import { RelativeTime } from '@/components/ui/relative-time';
import { executionListPageSchema } from '@/lib/pipeline/execution-list-row';
import { StatusBadge } from './status';

const activeStatuses = 'NOT_STARTED,BUFFERED,RUNNING,PAUSED,SUSPENDED';

/** Runs of this pipeline that have not finished, shown before starting another one. */
export function RunningExecutions({ application, pipelineId }: { application: string; pipelineId: string }) {
  const { data, error, isPending } = useQuery({
    queryKey: ['executions', 'active', application, pipelineId],
    queryFn: () => apiFetch(`/api/v1/executions?application=${encodeURIComponent(application)}&pipeline=${encodeURIComponent(pipelineId)}&statuses=${activeStatuses}&limit=10&view=summary`, executionListPageSchema),
    staleTime: 0,
  });
  if (isPending) return <p className="text-sm text-muted">Checking for running executions…</p>;
  if (error) return <p role="alert" className="text-sm text-danger">Could not check for running executions: {error.message}</p>;
  if (data.executions.length === 0) return <p className="text-sm text-muted">No other execution of this pipeline is running.</p>;
  return (
    <section aria-label="Running executions" className="rounded-md border border-warning/40 bg-warning-bg p-3">
      <h3 className="text-sm font-medium text-warning">
        {data.executions.length === 1 ? '1 execution is' : `${data.executions.length}${data.nextCursor ? '+' : ''} executions are`} still running
      </h3>
      <ul className="mt-2 flex flex-col gap-1 text-sm">
        {data.executions.map((e) => (
          <li key={e.id} className="flex items-center gap-2">
            <StatusBadge status={e.status} />
            <Link href={`/applications/${encodeURIComponent(e.application)}/executions/${encodeURIComponent(e.id)}`} className="hover:underline">
              #{e.id.slice(-6)}
            </Link>
            <span className="text-xs text-muted">
              started <RelativeTime iso={new Date(e.startTime ?? e.buildTime).toISOString()} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
