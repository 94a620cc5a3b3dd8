'use client';

import { Activity } from 'lucide-react';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { ExecutionPage } from '@/lib/pipeline/execution';
import { StartExecutionButton } from '../start-execution-dialog';
import type { StartParameter } from '../start-parameters';
import { ExecutionRow, type PinnedParameter } from './execution-row';
import { FilterBar } from './filter-bar';
import { groupExecutions, type ExecutionGroup } from './grouping';
import { hasActiveFilters, type ListFilters } from './list-filters';
import { useLiveExecutions } from './use-live-executions';
import { useTimeZone } from '@/components/ui/use-now';

/** A pipeline as the list needs it; `parameters` is null when the viewer may not start it. */
export interface ListPipeline {
  id: string;
  name: string;
  application: string;
  pinned: PinnedParameter[];
  parameters: StartParameter[] | null;
}

export interface ExecutionListProps {
  initial: ExecutionPage;
  filters: ListFilters;
  /** The application this page shows; undefined for every visible application. */
  application?: string;
  pipelines: ListPipeline[];
  /** The newest event id when the first page was read: live updates replay from there. */
  eventsSince?: string;
}

function GroupHeader({ group, pipeline }: { group: ExecutionGroup; pipeline: ListPipeline | undefined }) {
  const href = group.pipeline ? `/applications/${encodeURIComponent(group.pipeline.application)}/pipelines/${encodeURIComponent(group.pipeline.id)}` : undefined;
  return (
    <div className="flex items-center justify-between gap-3 border-b border-line bg-surface-2 px-4 py-2">
      <h2 className="text-sm font-semibold">
        {href ? (
          <Link href={href} className="hover:underline">
            {group.title}
          </Link>
        ) : (
          group.title
        )}
        <span className="ml-2 font-normal text-muted">{group.executions.length === 1 ? '1 execution' : `${group.executions.length} executions`}</span>
      </h2>
      {pipeline?.parameters && <StartExecutionButton pipelines={[{ id: pipeline.id, name: pipeline.name, application: pipeline.application, parameters: pipeline.parameters }]} />}
    </div>
  );
}

/** Executions newest first, grouped, filtered through the URL, paginated by cursor and updated live. */
export function ExecutionList({ initial, filters, application, pipelines, eventsSince }: ExecutionListProps) {
  const live = useLiveExecutions(initial, filters, application, eventsSince);
  const timeZone = useTimeZone();
  const active = hasActiveFilters(filters);
  const known = filters.group === 'pipeline' && application && !active ? pipelines : pipelines.filter((p) => live.executions.some((e) => e.pipelineConfigId === p.id && e.application === p.application));
  const groups = groupExecutions(live.executions, filters.group, known, timeZone);
  const byKey = new Map(pipelines.map((p) => [`${p.application}/${p.id}`, p]));
  return (
    <div>
      <FilterBar filters={filters} pipelines={application ? pipelines : []} />
      <p className="sr-only" role="status">
        {live.connected ? 'Live updates on' : 'Live updates connecting'}
      </p>
      {live.error && (
        <div className="mb-3">
          <Alert tone="danger">{live.error}</Alert>
        </div>
      )}
      {live.executions.length === 0 && groups.every((g) => g.executions.length === 0 && !g.pipeline) ? (
        <EmptyState icon={<Activity size={32} />} title={active ? 'No executions match these filters' : 'No executions yet'}>
          {active ? 'Clear or change the filters to see more.' : 'Runs appear here as soon as a pipeline is triggered — by hand, by a push, an image, a schedule or another pipeline.'}
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-4">
          {groups.map((group) => (
            <Card key={group.key} className="overflow-visible">
              <section aria-label={group.title}>
                {filters.group !== 'none' && <GroupHeader group={group} pipeline={group.pipeline ? byKey.get(`${group.pipeline.application}/${group.pipeline.id}`) : undefined} />}
                {group.executions.length === 0 ? (
                  <p className="px-4 py-3 text-sm text-muted">No executions loaded.</p>
                ) : (
                  <ul className="divide-y divide-line">
                    {group.executions.map((e) => (
                      <ExecutionRow key={e.id} execution={e} pinned={byKey.get(`${e.application}/${e.pipelineConfigId ?? ''}`)?.pinned ?? []} showApplication={!application} />
                    ))}
                  </ul>
                )}
              </section>
            </Card>
          ))}
        </div>
      )}
      {live.nextCursor && (
        <div className="mt-4 flex justify-center">
          <Button onClick={live.loadMore} disabled={live.isLoadingMore}>
            {live.isLoadingMore ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      )}
    </div>
  );
}
