'use client';

import { metricClassifications, type MetricClassification, type MetricResult } from '@/lib/canary/stats';
import { cn } from '@/components/ui/cn';
import { classificationCounts, formatDeviation } from './chart-data';
import { metricLabel, metricToneClass } from './tones';

export const metricKey = (r: MetricResult) => r.id ?? `${r.name}${JSON.stringify(r.tags)}`;

function tagText(tags: Record<string, string>): string {
  const entries = Object.entries(tags);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${v}"`).join(', ')}}` : '';
}

/**
 * The metrics of one interval, failing first, with the deviation (mean ratio) and the verdict; the
 * checkboxes filter by verdict and show how many of each there are.
 */
export function MetricTable({
  results,
  shown,
  onToggle,
  selected,
  onSelect,
}: {
  /** Already ordered and filtered by group; the counts are over these. */
  results: MetricResult[];
  shown: ReadonlySet<MetricClassification>;
  onToggle(c: MetricClassification): void;
  selected: string | null;
  onSelect(key: string): void;
}) {
  const counts = classificationCounts(results);
  const visible = results.filter((r) => shown.has(r.classification));
  return (
    <div className="flex flex-col gap-2">
      <fieldset className="flex flex-wrap gap-3 text-xs">
        <legend className="sr-only">Show metrics classified as</legend>
        {metricClassifications
          .filter((c) => c !== 'NodataFailMetric' || counts[c] > 0)
          .map((c) => (
            <label key={c} className="inline-flex items-center gap-1">
              <input type="checkbox" checked={shown.has(c)} onChange={() => onToggle(c)} />
              {metricLabel[c]} ({counts[c]})
            </label>
          ))}
      </fieldset>
      <table className="w-full text-sm" data-testid="metric-table">
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-1 font-medium">Metric</th>
            <th className="py-1 text-right font-medium">Deviation</th>
            <th className="py-1 text-right font-medium">Result</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((r) => {
            const key = metricKey(r);
            return (
              <tr key={key} data-testid="metric-row" data-metric={r.name} className={cn('cursor-pointer border-t border-line hover:bg-surface-2', selected === key && 'bg-surface-2')} onClick={() => onSelect(key)}>
                <td className="py-1.5 pr-2">
                  <button type="button" className="text-left hover:underline" aria-current={selected === key ? 'true' : undefined} onClick={() => onSelect(key)}>
                    {r.name}
                    <span className="text-muted"> {tagText(r.tags)}</span>
                  </button>
                  {r.criticalMetric ? <span className={cn('ml-1.5 rounded border px-1 text-[10px] font-semibold uppercase', r.critical ? 'border-danger/40 text-danger' : 'border-line text-muted')} title={r.critical ? 'Critical metric: its failure failed the whole run' : 'Critical metric: failing it fails the whole run'}>critical</span> : null}
                  {r.muted ? <span className="ml-1.5 text-xs text-muted">(muted: not scored)</span> : null}
                </td>
                <td className="py-1.5 text-right tabular-nums">{formatDeviation(r.deviation)}</td>
                <td className="py-1.5 text-right">
                  <span className={cn('rounded-full border px-2 py-0.5 text-xs font-medium', metricToneClass[r.classification])}>{metricLabel[r.classification]}</span>
                </td>
              </tr>
            );
          })}
          {visible.length === 0 ? (
            <tr>
              <td colSpan={3} className="py-3 text-center text-muted">
                No metric matches the filters.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
