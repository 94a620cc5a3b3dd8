'use client';

import { useState } from 'react';
import { metricClassifications, type MetricClassification } from '@/lib/canary/stats';
import { cn } from '@/components/ui/cn';
import { orderMetrics } from './chart-data';
import { isSequential } from './evidence-data';
import { GroupBar } from './group-bar';
import { MetricDetail } from './metric-detail';
import { metricKey, MetricTable } from './metric-table';
import type { ReportInterval } from './report-types';
import { ScorePill } from './score-pill';

export interface ReportMeta {
  controlScope?: string | undefined;
  experimentScope?: string | undefined;
  configName?: string | undefined;
  /** Intervals the plan holds in all (the rest are still to come). */
  plannedIntervals?: number | undefined;
  /** The sequential judge ended the analysis before its last interval. */
  stoppedEarly?: { interval: number; of: number } | undefined;
}

/**
 * A canary analysis report: one score pill per judged interval (the last selected), the selected
 * interval's summary and reason, its group bar, its metrics (failing first, filterable) and the
 * selected metric's evidence. New intervals appear as the caller passes them (live via SSE).
 */
export function CanaryReport({ intervals, thresholds, meta }: { intervals: ReportInterval[]; thresholds: { pass: number; marginal: number }; meta: ReportMeta }) {
  const [chosenInterval, setChosenInterval] = useState<number | null>(null);
  const [group, setGroup] = useState<string | null>(null);
  const [shown, setShown] = useState<ReadonlySet<MetricClassification>>(new Set(metricClassifications));
  const [chosenMetric, setChosenMetric] = useState<string | null>(null);
  const latest = intervals[intervals.length - 1];
  const current = intervals.find((i) => i.interval === chosenInterval) ?? latest;
  const sequential = isSequential(intervals);
  const stopped = sequential ? meta.stoppedEarly : undefined;
  const pending = stopped ? 0 : Math.max((meta.plannedIntervals ?? intervals.length) - intervals.length, 0);

  if (!current) {
    return <p className="rounded border border-line bg-surface-2 p-6 text-center text-sm text-muted">No interval has been judged yet{meta.plannedIntervals ? `; ${meta.plannedIntervals} planned` : ''}. Scores appear here as each interval completes.</p>;
  }
  const { result } = current;
  const ordered = orderMetrics(result.results).filter((r) => !group || r.groups.includes(group));
  const selected = ordered.find((r) => metricKey(r) === chosenMetric) ?? ordered.find((r) => shown.has(r.classification));

  return (
    <div className="flex flex-col gap-5" data-testid="canary-report">
      <section aria-label="Interval scores" className="flex flex-wrap items-center gap-2">
        {intervals.map((i) => (
          <button
            key={i.interval}
            type="button"
            data-testid="interval-score"
            aria-pressed={i === current}
            onClick={() => setChosenInterval(i.interval)}
            className={cn('rounded-full', i === current && 'ring-2 ring-focus ring-offset-1 ring-offset-bg')}
          >
            <ScorePill score={i.result.score.score} classification={i.result.score.classification} label={`#${i.interval}`} />
          </button>
        ))}
        {Array.from({ length: pending }, (_, k) => (
          <span key={k} className="rounded-full border border-dashed border-line px-2 py-0.5 text-xs text-muted">
            #{intervals.length + k + 1} pending
          </span>
        ))}
      </section>

      <section className="flex flex-wrap items-start gap-4" aria-label="Summary">
        <ScorePill score={result.score.score} classification={result.score.classification} size="lg" />
        <div className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
          <p data-testid="score-reason" className="font-medium">
            {result.score.classificationReason}
          </p>
          <p className="text-xs text-muted">
            Interval {current.interval}
            {meta.configName ? ` · config ${meta.configName}` : ''} · baseline {meta.controlScope ?? '?'} vs canary {meta.experimentScope ?? '?'} · step {current.stepSeconds}s · pass ≥ {thresholds.pass}, marginal ≥ {thresholds.marginal}
            {intervals.length > 1 || pending > 0 ? ' · an interval at or below marginal stops the analysis; the last one must reach pass' : ''}
          </p>
        </div>
      </section>

      {stopped ? (
        <p data-testid="stopped-early" className="rounded border border-danger/40 bg-danger-bg px-3 py-2 text-sm text-danger">
          Stopped early at interval {stopped.interval} of {stopped.of}: the evidence against the canary was already conclusive, so the remaining intervals were not run.
        </p>
      ) : null}
      {sequential ? (
        <p className="text-xs text-muted">
          Judged by foresail-v1: each metric's evidence accumulates over the intervals and may be checked after every one; the chance that identical versions fail is at most α = {current.result.sequential?.alpha ?? 0.05} over the whole analysis ({current.result.sequential?.metricsTested ?? 0} metrics tested).
        </p>
      ) : null}
      {current.warnings.filter((w) => !w.metric).map((w) => (
        <p key={w.message} className="rounded border border-warning/40 bg-warning-bg px-3 py-2 text-sm text-warning">
          {w.message}
        </p>
      ))}

      <GroupBar groups={result.groupScores} thresholds={thresholds} selected={group} onSelect={setGroup} />

      <div className="grid gap-6 lg:grid-cols-[minmax(18rem,2fr)_5fr]">
        <MetricTable
          results={ordered}
          shown={shown}
          onToggle={(c) =>
            setShown((prev) => {
              const next = new Set(prev);
              if (next.has(c)) next.delete(c);
              else next.add(c);
              return next;
            })
          }
          selected={selected ? metricKey(selected) : null}
          onSelect={setChosenMetric}
        />
        <div className="min-h-[40rem] min-w-0">{selected ? <MetricDetail key={metricKey(selected)} result={selected} interval={current} history={intervals} planned={stopped?.of ?? meta.plannedIntervals ?? intervals.length} /> : <p className="text-sm text-muted">Choose a metric.</p>}</div>
      </div>
    </div>
  );
}
