'use client';

import { useLiveExecution } from '@/components/executions/detail/use-live-execution';
import { useStageDetail } from '@/components/executions/detail/use-stage-detail';
import type { ExecutionSummary, StageDto } from '@/lib/pipeline/execution';
import { CanaryReport } from './canary-report';
import { stageReport } from './stage-report';

/** The report of a kayentaCanary stage, refreshed over the execution event stream as each interval completes. */
export function LiveStageReport({ initial, initialStage }: { initial: ExecutionSummary; initialStage: StageDto }) {
  const { execution, connected, revisions } = useLiveExecution(initial);
  const summary = execution.stages.find((s) => s.id === initialStage.id);
  // Only this stage's context is fetched again when it changes, not the whole execution.
  const detail = useStageDetail(initial.id, initialStage.id, revisions[initialStage.id] ?? 0, initialStage);
  if (!summary) return <p className="text-sm text-muted">This stage is no longer part of the execution.</p>;
  const stage = { ...(detail.data ?? initialStage), ...summary };
  const report = stageReport(stage);
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-muted" aria-live="polite">
        Stage {stage.status.toLowerCase()}
        {stage.status === 'RUNNING' ? (connected ? ' · live' : ' · reconnecting…') : ''}
      </p>
      <CanaryReport intervals={report.intervals} thresholds={report.thresholds} meta={report} />
    </div>
  );
}
