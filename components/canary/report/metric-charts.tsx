'use client';

import { useState } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { cn } from '@/components/ui/cn';
import { boxStats, formatValue, histogramBins, stripPoints, timeSeriesRows } from './chart-data';
import type { SeriesPoint } from './report-types';
import { seriesColour } from './tones';

const chartTypes = [
  { id: 'time', label: 'Time series' },
  { id: 'histogram', label: 'Histogram' },
  { id: 'box', label: 'Box plot' },
] as const;
type ChartType = (typeof chartTypes)[number]['id'];

const axisTick = { fontSize: 11, fill: 'var(--muted)' };
const tooltipStyle = { background: 'var(--surface)', border: '1px solid var(--line)', fontSize: 12 };

/** Fixed heights so switching metrics or chart types does not make the page jump (deck-kayenta#233). */
export function MetricCharts({ control, experiment, showAll = false }: { control: SeriesPoint[]; experiment: SeriesPoint[]; showAll?: boolean }) {
  const [type, setType] = useState<ChartType>('time');
  if (control.every(([, v]) => v === null) && experiment.every(([, v]) => v === null)) {
    return <p className="rounded border border-line bg-surface-2 p-6 text-center text-sm text-muted">No valid data is available for this metric.</p>;
  }
  const shown = showAll ? chartTypes.map((c) => c.id) : [type];
  return (
    <div className="flex flex-col gap-2">
      {showAll ? null : (
        <div role="tablist" aria-label="Chart type" className="flex gap-1">
          {chartTypes.map((c) => (
            <button key={c.id} type="button" role="tab" aria-selected={type === c.id} onClick={() => setType(c.id)} className={cn('rounded border px-2 py-1 text-xs', type === c.id ? 'border-accent bg-accent text-accent-fg' : 'border-line hover:bg-surface-2')}>
              {c.label}
            </button>
          ))}
        </div>
      )}
      {shown.includes('time') ? <TimeSeries control={control} experiment={experiment} /> : null}
      {shown.includes('histogram') ? <Histogram control={control} experiment={experiment} /> : null}
      {shown.includes('box') ? <BoxPlot control={control} experiment={experiment} /> : null}
    </div>
  );
}

function TimeSeries({ control, experiment }: { control: SeriesPoint[]; experiment: SeriesPoint[] }) {
  const rows = timeSeriesRows(control, experiment);
  return (
    <figure data-testid="chart-timeseries" className="flex flex-col gap-1">
      <figcaption className="text-xs text-muted">Baseline and canary over time (x: seconds from each window&apos;s start)</figcaption>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
            <XAxis dataKey="offsetSeconds" tick={axisTick} unit="s" />
            <YAxis tick={axisTick} tickFormatter={(v: number) => formatValue(v)} width={56} />
            <Tooltip contentStyle={tooltipStyle} formatter={(v) => formatValue(typeof v === 'number' ? v : null)} labelFormatter={(l) => `+${String(l)} s`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line type="linear" dataKey="baseline" name="Baseline" stroke={seriesColour.baseline} dot={false} isAnimationActive={false} connectNulls={false} />
            <Line type="linear" dataKey="canary" name="Canary" stroke={seriesColour.canary} dot={false} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className="h-28" data-testid="chart-difference">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={rows} margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
            <XAxis dataKey="offsetSeconds" tick={axisTick} unit="s" />
            <YAxis tick={axisTick} tickFormatter={(v: number) => formatValue(v)} width={56} />
            <ReferenceLine y={0} stroke="var(--muted)" />
            <Tooltip contentStyle={tooltipStyle} formatter={(v) => formatValue(typeof v === 'number' ? v : null)} labelFormatter={(l) => `+${String(l)} s`} />
            <Area type="linear" dataKey="difference" name="Canary − baseline" stroke={seriesColour.canary} fill={seriesColour.canary} fillOpacity={0.25} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <p className="text-xs text-muted">Lower panel: canary value minus baseline value at the same offset.</p>
    </figure>
  );
}

function Histogram({ control, experiment }: { control: SeriesPoint[]; experiment: SeriesPoint[] }) {
  const bins = histogramBins(
    control.map(([, v]) => v),
    experiment.map(([, v]) => v),
  );
  return (
    <figure data-testid="chart-histogram" className="flex flex-col gap-1">
      <figcaption className="text-xs text-muted">How often each value occurs, on bins shared by both sides</figcaption>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bins} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={axisTick} interval="preserveStartEnd" />
            <YAxis tick={axisTick} allowDecimals={false} width={40} />
            <Tooltip contentStyle={tooltipStyle} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="baseline" name="Baseline" fill={seriesColour.baseline} isAnimationActive={false} />
            <Bar dataKey="canary" name="Canary" fill={seriesColour.canary} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function BoxPlot({ control, experiment }: { control: SeriesPoint[]; experiment: SeriesPoint[] }) {
  const sides = [
    { name: 'Baseline', x: 0, values: control.map(([, v]) => v), colour: seriesColour.baseline },
    { name: 'Canary', x: 1, values: experiment.map(([, v]) => v), colour: seriesColour.canary },
  ].map((s) => ({ ...s, stats: boxStats(s.values), points: stripPoints(s.values, s.x) }));
  return (
    <figure data-testid="chart-boxplot" className="flex flex-col gap-1">
      <figcaption className="text-xs text-muted">Box (quartiles and median), whiskers (min to max) and every point</figcaption>
      <div className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--line)" strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" domain={[-0.6, 1.6]} ticks={[0, 1]} tickFormatter={(v: number) => (v === 0 ? 'Baseline' : 'Canary')} tick={axisTick} />
            <YAxis type="number" dataKey="y" tick={axisTick} tickFormatter={(v: number) => formatValue(v)} width={56} domain={['auto', 'auto']} />
            <Tooltip contentStyle={tooltipStyle} formatter={(v) => formatValue(typeof v === 'number' ? v : null)} />
            {sides.map((s) =>
              s.stats ? (
                <ReferenceArea key={`${s.name}-box`} x1={s.x - 0.3} x2={s.x + 0.3} y1={s.stats.q1} y2={s.stats.q3} fill={s.colour} fillOpacity={0.15} stroke={s.colour} ifOverflow="extendDomain" />
              ) : null,
            )}
            {sides.flatMap((s) =>
              s.stats
                ? [
                    <ReferenceLine key={`${s.name}-median`} segment={[{ x: s.x - 0.3, y: s.stats.median }, { x: s.x + 0.3, y: s.stats.median }]} stroke={s.colour} strokeWidth={2} />,
                    <ReferenceLine key={`${s.name}-low`} segment={[{ x: s.x, y: s.stats.min }, { x: s.x, y: s.stats.q1 }]} stroke={s.colour} />,
                    <ReferenceLine key={`${s.name}-high`} segment={[{ x: s.x, y: s.stats.q3 }, { x: s.x, y: s.stats.max }]} stroke={s.colour} />,
                  ]
                : [],
            )}
            {sides.map((s) => (
              <Scatter key={s.name} name={s.name} data={s.points} fill={s.colour} fillOpacity={0.6} isAnimationActive={false} shape="circle" />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 text-xs text-muted">
        {sides.map((s) => (
          <div key={s.name}>
            <dt className="font-medium text-fg">{s.name}</dt>
            <dd>{s.stats ? `min ${formatValue(s.stats.min)} · q1 ${formatValue(s.stats.q1)} · median ${formatValue(s.stats.median)} · q3 ${formatValue(s.stats.q3)} · max ${formatValue(s.stats.max)}` : 'no values'}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
