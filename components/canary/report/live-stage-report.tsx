'use client';

import { useLiveExecution } from '@/components/executions/detail/use-live-execution';
import type { ExecutionDto } from '@/lib/pipeline/execution';
import { CanaryReport } from './canary-report';
import { stageReport } from './stage-report';

/** The report of a kayentaCanary stage, refreshed over the execution event stream as each interval completes. */
export function LiveStageReport({ initial, stageId }: { initial: ExecutionDto; stageId: string }) {
  const { execution, connected } = useLiveExecution(initial);
  const stage = execution.stages.find((s) => s.id === stageId);
  if (!stage) return <p className="text-sm text-muted">This stage is no longer part of the execution.</p>;
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
