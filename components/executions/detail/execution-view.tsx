'use client';

import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { useNow } from '@/components/ui/use-now';
import type { ExecutionSummary, StageSummary } from '@/lib/pipeline/execution';
import { ExecutionActions } from './execution-actions';
import { ExecutionHeader } from './execution-header';
import type { ExecutionPermissions } from './permissions';
import { StageGraph } from './stage-graph';
import { StageTimeline } from './stage-timeline';
import { useLiveExecution } from './use-live-execution';

// The details (tabs, manifests as YAML, judgment and canary views) load once the graph is drawn, not
// before it: the page is usable as soon as the graph is, and their code stays out of what it waits for.
const StageDetails = lazy(() => import('./stage-details').then((m) => ({ default: m.StageDetails })));

export interface ExecutionViewProps {
  /** Stage summaries only: a stage's context and outputs load when it is opened. */
  initial: ExecutionSummary;
  permissions: ExecutionPermissions;
  sourceConfig: Record<string, unknown> | null;
  listHref: string;
  /** The server's clock at render, so durations of running stages match between server and hydration. */
  renderedAt: number;
  initialStageId?: string;
}

/** The stage worth opening first: one waiting for a judgment, else the first failure, else one running. */
function interestingStage(stages: readonly StageSummary[]): string | undefined {
  const pick = (test: (s: StageSummary) => boolean) => stages.find(test)?.id;
  return pick((s) => s.type === 'manualJudgment' && s.status === 'RUNNING') ?? pick((s) => s.status === 'TERMINAL') ?? pick((s) => s.status === 'RUNNING');
}

/** The execution page: header and actions, the stage graph, the timeline and the selected stage's details, all live. */
export function ExecutionView({ initial, permissions, sourceConfig, listHref, renderedAt, initialStageId }: ExecutionViewProps) {
  const { execution, error, connected, refresh, revisions } = useLiveExecution(initial);
  const now = useNow() ?? renderedAt;
  const [selectedId, setSelectedId] = useState(initialStageId ?? interestingStage(initial.stages));
  const selected = execution.stages.find((s) => s.id === selectedId);

  const select = useCallback((id: string) => {
    setSelectedId(id);
    // A permalink to the stage, without a navigation or a server round trip.
    const url = new URL(window.location.href);
    url.searchParams.set('stage', id);
    window.history.replaceState(window.history.state, '', url);
  }, []);

  const [graphDrawn, setGraphDrawn] = useState(false);
  const onRendered = useCallback(() => {
    setGraphDrawn(true);
    // What the P5 bench waits for: hydrated, with the graph drawn and clickable.
    if (document.documentElement.dataset.executionReady) return;
    performance.mark('foresail:execution-ready');
    document.documentElement.dataset.executionReady = 'true';
  }, []);
  useEffect(() => () => void delete document.documentElement.dataset.executionReady, []);

  return (
    <div className="flex flex-col gap-5" data-live={connected ? 'connected' : 'connecting'}>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <ExecutionHeader execution={execution} now={now} />
        <ExecutionActions execution={execution} canExecute={permissions.canExecute} sourceConfig={sourceConfig} listHref={listHref} onChanged={refresh} />
      </div>
      {error && <Alert tone="danger">{`Could not refresh the execution: ${error.message}`}</Alert>}
      <section aria-labelledby="graph-heading" className="flex flex-col gap-2">
        <h2 id="graph-heading" className="text-sm font-semibold text-muted">
          Stages <span className="font-normal">{connected ? '· live' : '· connecting…'}</span>
        </h2>
        <StageGraph stages={execution.stages} selectedId={selectedId} onSelect={select} onRendered={onRendered} />
      </section>
      <div className="grid gap-5 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <section aria-labelledby="timeline-heading" className="flex flex-col gap-2">
          <h2 id="timeline-heading" className="text-sm font-semibold text-muted">
            Timeline
          </h2>
          <StageTimeline stages={execution.stages} now={now} selectedId={selectedId} onSelect={select} />
        </section>
        <div className="flex flex-col gap-2">
          <h2 className="text-sm font-semibold text-muted">Stage details</h2>
          {selected && !graphDrawn ? (
            <p className="text-sm text-muted">Loading the stage…</p>
          ) : selected ? (
            <Suspense fallback={<p className="text-sm text-muted">Loading the stage…</p>}>
              <StageDetails key={selected.id} execution={execution} stage={selected} revision={revisions[selected.id] ?? 0} permissions={permissions} now={now} onChanged={refresh} />
            </Suspense>
          ) : (
            <p className="rounded-lg border border-dashed border-line p-4 text-sm text-muted">Choose a stage in the graph or the timeline to see its details.</p>
          )}
        </div>
      </div>
    </div>
  );
}
