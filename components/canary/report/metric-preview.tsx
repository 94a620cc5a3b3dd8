'use client';

import { useMutation } from '@tanstack/react-query';
import { useParams } from 'next/navigation';
import { useId, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { z } from 'zod';
import { apiFetch } from '@/components/api/client';
import { textInputClass } from '@/components/pipelines/control-styles';
import { Button } from '@/components/ui/button';
import { formatValue } from './chart-data';

const previewSchema = z.object({
  query: z.string(),
  series: z.array(z.object({ labels: z.record(z.string(), z.string()), points: z.array(z.tuple([z.number(), z.number().nullable()])) })),
});
type Preview = z.infer<typeof previewSchema>;

const windows = [
  { minutes: 15, label: 'last 15 minutes' },
  { minutes: 60, label: 'last hour' },
  { minutes: 360, label: 'last 6 hours' },
  { minutes: 1440, label: 'last day' },
];
const palette = ['var(--info)', '#d97706', 'var(--success)', 'var(--danger)', 'var(--muted)'];
const MAX_SERIES = 5;

/** One row per timestamp with a column per series, for a multi-line chart. */
function rowsOf(preview: Preview): Record<string, number | null>[] {
  const byTime = new Map<number, Record<string, number | null>>();
  preview.series.slice(0, MAX_SERIES).forEach((s, i) => {
    for (const [t, v] of s.points) byTime.set(t, { ...(byTime.get(t) ?? { t }), [`s${i}`]: v });
  });
  return [...byTime.values()].sort((a, b) => Number(a.t) - Number(b.t));
}

const labelText = (labels: Record<string, string>) => `{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ')}}`;

/**
 * "Preview" in the metric dialog: runs the PromQL for one scope over a recent window through
 * POST /api/v1/canary/preview, and shows the filled-in query and what Prometheus returned.
 */
export function MetricPreview({ name, promql }: { name: string; promql: string }) {
  const params = useParams<{ name?: string }>();
  const application = typeof params.name === 'string' ? params.name : '';
  const id = useId();
  const [scope, setScope] = useState('');
  const [account, setAccount] = useState('');
  const [minutes, setMinutes] = useState(60);
  const run = useMutation({
    mutationFn: () => {
      const end = Date.now();
      const start = end - minutes * 60_000;
      const step = Math.max(10, Math.ceil((minutes * 60) / 300));
      return apiFetch('/api/v1/canary/preview', previewSchema, {
        method: 'POST',
        body: JSON.stringify({
          application,
          ...(account.trim() ? { metricsAccountName: account.trim() } : {}),
          metric: { name: name || 'preview', query: { type: 'prometheus', customInlineTemplate: `PromQL:${promql}` } },
          scope: scope.trim(),
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
          step,
        }),
      });
    },
  });
  const preview = run.data;
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-line p-3" data-testid="metric-preview">
      <legend className="px-1 text-sm font-medium">Preview</legend>
      <div className="grid grid-cols-3 gap-2">
        <label className="flex flex-col gap-1 text-xs" htmlFor={`${id}-scope`}>
          Scope (${'{scope}'})
          <input id={`${id}-scope`} className={textInputClass} value={scope} placeholder="e.g. myapp-canary" onChange={(e) => setScope(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-xs" htmlFor={`${id}-account`}>
          Metrics account
          <input id={`${id}-account`} className={textInputClass} value={account} placeholder="the only one" onChange={(e) => setAccount(e.target.value)} />
        </label>
        <label className="flex flex-col gap-1 text-xs" htmlFor={`${id}-window`}>
          Window
          <select id={`${id}-window`} className={textInputClass} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {windows.map((w) => (
              <option key={w.minutes} value={w.minutes}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Button onClick={() => run.mutate()} disabled={run.isPending || !promql.trim() || !scope.trim() || !application} className="self-start">
        {run.isPending ? 'Querying…' : 'Preview'}
      </Button>
      {run.error ? (
        <p role="alert" className="text-sm text-danger">
          {run.error.message}
        </p>
      ) : null}
      {preview ? (
        <div className="flex flex-col gap-1" data-testid="metric-preview-result">
          <code className="break-all rounded bg-surface-2 px-2 py-1 text-xs">{preview.query}</code>
          <p className="text-xs text-muted">
            {preview.series.length === 0 ? 'Prometheus returned no series for this scope and window: the judge would see no data.' : `${preview.series.length} series${preview.series.length > MAX_SERIES ? ` (first ${MAX_SERIES} drawn)` : ''}; the judge pairs baseline and canary series by these labels.`}
          </p>
          {preview.series.length > 0 ? (
            <div className="h-40">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={rowsOf(preview)} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
                  <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => new Date(t).toISOString().slice(11, 16)} tick={{ fontSize: 10, fill: 'var(--muted)' }} />
                  <YAxis tickFormatter={(v: number) => formatValue(v)} tick={{ fontSize: 10, fill: 'var(--muted)' }} width={48} />
                  <Tooltip labelFormatter={(t) => new Date(Number(t)).toISOString()} formatter={(v) => formatValue(typeof v === 'number' ? v : null)} />
                  <Legend wrapperStyle={{ fontSize: 10 }} />
                  {preview.series.slice(0, MAX_SERIES).map((s, i) => (
                    <Line key={labelText(s.labels)} dataKey={`s${i}`} name={labelText(s.labels)} stroke={palette[i % palette.length]} dot={false} isAnimationActive={false} />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
