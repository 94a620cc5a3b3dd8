'use client';

import { Copy } from 'lucide-react';
import type { MetricResult } from '@/lib/canary/stats';
import { cn } from '@/components/ui/cn';
import { formatDeviation, formatValue } from './chart-data';
import { ConfidenceFigure, EffectSizeFigure } from './evidence';
import { MetricCharts } from './metric-charts';
import { SequentialEvidenceFigure } from './sequential-evidence';
import type { ReportInterval } from './report-types';
import { metricLabel, metricToneClass } from './tones';

const statRows = [
  ['count', 'Count'],
  ['mean', 'Mean'],
  ['median', 'Median'],
  ['min', 'Min'],
  ['max', 'Max'],
  ['std', 'Std dev'],
] as const;

/** Why one metric got its verdict: the reason, both sides' statistics, the test, the effect size, the charts and the PromQL. */
export function MetricDetail({ result, interval, showAllCharts, history = [interval], planned = 1 }: { result: MetricResult; interval: ReportInterval; showAllCharts?: boolean; /** All judged intervals, for the sequential evidence chart. */ history?: readonly ReportInterval[]; planned?: number }) {
  const series = interval.series.find((s) => s.id === result.id) ?? interval.series.find((s) => s.name === result.name);
  const queries = interval.queries[result.name];
  const warnings = interval.warnings.filter((w) => w.metric === result.name);
  const sides = [
    { label: 'Baseline', side: result.control, window: interval.baseline },
    { label: 'Canary', side: result.experiment, window: interval.canary },
  ];
  return (
    <section data-testid="metric-detail" aria-label={`Metric ${result.name}`} className="flex flex-col gap-4">
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold">{result.name}</h3>
        <span className={cn('rounded-full border px-2 py-0.5 text-xs font-medium', metricToneClass[result.classification])}>{metricLabel[result.classification]}</span>
        {result.criticalMetric ? <span className="rounded border border-danger/40 px-1 text-[10px] font-semibold uppercase text-danger">critical</span> : null}
        <span className="text-sm text-muted">
          deviation {formatDeviation(result.deviation)} · fails on {result.direction}
        </span>
      </header>
      <p data-testid="metric-reason" className="rounded border border-line bg-surface-2 px-3 py-2 text-sm">
        {result.classificationReason}
      </p>
      {warnings.map((w) => (
        <p key={w.message} className="rounded border border-warning/40 bg-warning-bg px-3 py-2 text-sm text-warning">
          {w.message}
        </p>
      ))}
      {/* Count and histogram evidence is in events, not values: the value statistics would be empty. */}
      {!result.sequential || result.sequential.test === 'gauge' ? (
      <table className="w-full max-w-xl text-sm" data-testid="metric-stats">
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-1 font-medium" />
            {sides.map((s) => (
              <th key={s.label} className="py-1 text-right font-medium">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {statRows.map(([key, label]) => (
            <tr key={key} className="border-t border-line">
              <th scope="row" className="py-1 text-left font-normal text-muted">
                {label}
              </th>
              {sides.map((s) => (
                <td key={s.label} className="py-1 text-right">
                  {key === 'count' ? s.side.stats.count : formatValue(s.side.stats[key])}
                </td>
              ))}
            </tr>
          ))}
          <tr className="border-t border-line">
            <th scope="row" className="py-1 text-left font-normal text-muted">
              Points received / NaN / outliers removed
            </th>
            {sides.map((s) => (
              <td key={s.label} className="py-1 text-right">
                {s.side.transforms.received} / {s.side.transforms.nanStrategy === 'replace' ? `${s.side.transforms.nanReplaced} → 0` : s.side.transforms.nanRemoved} / {s.side.transforms.outliersRemoved}
              </td>
            ))}
          </tr>
          <tr className="border-t border-line">
            <th scope="row" className="py-1 text-left font-normal text-muted">
              Window
            </th>
            {sides.map((s) => (
              <td key={s.label} className="py-1 text-right text-xs">
                {new Date(s.window.startMs).toISOString().slice(11, 19)}–{new Date(s.window.endMs).toISOString().slice(11, 19)} UTC
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      ) : null}
      {result.sequential ? (
        <SequentialEvidenceFigure result={result} intervals={history} current={interval.interval} planned={planned} />
      ) : (
        <>
          <ConfidenceFigure result={result} />
          <EffectSizeFigure effect={result.effectSize} />
        </>
      )}
      {series ? <MetricCharts control={series.control} experiment={series.experiment} showAll={showAllCharts} /> : <p className="text-sm text-muted">The series of this metric were not kept.</p>}
      {queries ? (
        <div className="flex flex-col gap-1" data-testid="metric-promql">
          <h4 className="text-xs font-medium text-muted">PromQL used</h4>
          {(['control', 'experiment'] as const).map((side) =>
            queries[side] ? (
              <div key={side} className="flex items-start gap-2">
                <span className="w-16 shrink-0 text-xs text-muted">{side === 'control' ? 'Baseline' : 'Canary'}</span>
                <code className="min-w-0 flex-1 break-all rounded bg-surface-2 px-2 py-1 text-xs">{queries[side]}</code>
                <button type="button" className="text-muted hover:text-fg" aria-label={`Copy the ${side === 'control' ? 'baseline' : 'canary'} query`} onClick={() => void navigator.clipboard?.writeText(queries[side] ?? '')}>
                  <Copy size={14} aria-hidden="true" />
                </button>
              </div>
            ) : null,
          )}
        </div>
      ) : null}
    </section>
  );
}
