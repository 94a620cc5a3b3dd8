'use client';

import Link from 'next/link';
import type { StageTabProps } from '@/components/executions/detail/stage-tabs';
import { ScorePill } from './score-pill';
import { canaryReportHref, stageReport } from './stage-report';

/** The Canary tab of a kayentaCanary stage: each interval's score as it completes, and the report link. */
export function CanaryStageTab({ execution, stage }: StageTabProps) {
  const report = stageReport(stage);
  const pending = Math.max((report.plannedIntervals ?? report.intervals.length) - report.intervals.length, 0);
  return (
    <div className="flex flex-col gap-3" data-testid="canary-stage-tab">
      <div className="flex flex-wrap items-center gap-2">
        {report.intervals.map((i) => (
          <ScorePill key={i.interval} score={i.result.score.score} classification={i.result.score.classification} label={`Run Canary #${i.interval}`} />
        ))}
        {Array.from({ length: pending }, (_, k) => (
          <span key={k} className="rounded-full border border-dashed border-line px-2 py-0.5 text-xs text-muted">
            #{report.intervals.length + k + 1} pending
          </span>
        ))}
        {report.intervals.length === 0 && pending === 0 ? <span className="text-sm text-muted">No interval judged yet.</span> : null}
      </div>
      {report.intervals.length > 0 ? <p className="text-sm">{report.intervals[report.intervals.length - 1]?.result.score.classificationReason}</p> : null}
      <p className="text-xs text-muted">
        Pass ≥ {report.thresholds.pass}; an interval at or below {report.thresholds.marginal} (marginal) stops the analysis; the last interval must reach pass.
      </p>
      <Link href={canaryReportHref(execution.application, execution.id, stage.id)} className="self-start text-sm font-medium text-accent hover:underline">
        Open the canary report
      </Link>
    </div>
  );
}
