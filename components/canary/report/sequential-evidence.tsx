import { formatEValue, type MetricResult } from '@/lib/canary/stats';
import { formatValue } from './chart-data';
import { evidenceHistory, evidenceRange, testName } from './evidence-data';
import type { ReportInterval } from './report-types';

const W = 600;
const H = 170;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

/**
 * foresail-v1's evidence for one metric: which test ran, its e-value after each interval against
 * the threshold (log scale; crossing it fails the metric, and it may be checked every interval
 * without inflating false alarms), the anytime-valid p-value, and the effect with its confidence
 * sequence.
 */
export function SequentialEvidenceFigure({ result, intervals, current, planned }: { result: MetricResult; intervals: readonly ReportInterval[]; current: number; planned: number }) {
  const s = result.sequential;
  if (!s) return null;
  const points = evidenceHistory(intervals, result, current);
  const { min, max } = evidenceRange(points);
  const slots = Math.max(planned, current, 1);
  const x = (interval: number) => PAD.left + ((interval - 0.5) / slots) * (W - PAD.left - PAD.right);
  const y = (log10: number) => PAD.top + ((max - log10) / (max - min || 1)) * (H - PAD.top - PAD.bottom);
  const threshold = points[points.length - 1]?.log10Threshold ?? s.log10Threshold;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.interval).toFixed(1)},${y(p.log10E).toFixed(1)}`).join(' ');
  const ticks = Array.from({ length: Math.floor(max) - Math.ceil(min) + 1 }, (_, i) => Math.ceil(min) + i).filter((t, _, all) => all.length <= 8 || t % Math.ceil(all.length / 6) === 0);
  const effect = s.effect;
  return (
    <figure data-testid="evidence-chart" className="flex flex-col gap-2">
      <p className="text-sm">
        <span className="font-medium">{testName(s.test)}</span> — {s.description}.
      </p>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={`E-value of ${result.name} per interval against the threshold ${formatEValue(threshold)}: ${points.map((p) => `interval ${p.interval} ${formatEValue(p.log10E)}`).join(', ')}`}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="var(--line)" strokeWidth={0.5} />
            <text x={PAD.left - 4} y={y(t) + 3} fontSize={9} textAnchor="end" fill="var(--muted)">
              {t === 0 ? '1' : `1e${t}`}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={y(threshold)} y2={y(threshold)} stroke="var(--danger)" strokeDasharray="5 3" />
        <text x={W - PAD.right} y={y(threshold) - 4} fontSize={10} textAnchor="end" fill="var(--danger)">
          threshold {formatEValue(threshold)} (fail above)
        </text>
        <path d={path} fill="none" stroke="#d97706" strokeWidth={2} />
        {points.map((p) => (
          <circle key={p.interval} data-testid="evidence-point" cx={x(p.interval)} cy={y(p.log10E)} r={4} fill={p.failed ? 'var(--danger)' : '#d97706'} stroke="var(--surface)" />
        ))}
        {Array.from({ length: slots }, (_, i) => (
          <text key={i} x={x(i + 1)} y={H - 10} fontSize={10} textAnchor="middle" fill={i + 1 <= current ? 'var(--fg)' : 'var(--muted)'}>
            #{i + 1}
          </text>
        ))}
      </svg>
      <figcaption className="text-xs text-muted">
        E-value after each interval (log scale) against the threshold 1/α′ = {formatEValue(threshold)}. Now {formatEValue(s.log10E)}; anytime-valid p-value {formatValue(s.pValue)}
        {s.failedAt !== null ? `; failed at interval ${s.failedAt}` : ''}. Data this interval: {formatValue(s.amount.canary)} canary and {formatValue(s.amount.baseline)} baseline {s.amount.unit}.
      </figcaption>
      {effect ? (
        <p className="text-sm" data-testid="evidence-effect">
          {effect.label}: <span className="font-medium tabular-nums">{formatValue(effect.estimate)}</span>
          {effect.lower !== null || effect.upper !== null ? (
            <span className="text-muted">
              {' '}
              (confidence sequence {formatValue(effect.lower)} to {effect.upper === null ? '∞' : formatValue(effect.upper)}, valid at every interval)
            </span>
          ) : null}
        </p>
      ) : null}
      {s.quantiles ? (
        <table className="w-full max-w-md text-sm" data-testid="evidence-quantiles">
          <thead className="text-left text-xs text-muted">
            <tr>
              <th className="py-1 font-medium">Quantile</th>
              <th className="py-1 text-right font-medium">Baseline</th>
              <th className="py-1 text-right font-medium">Canary</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {s.quantiles.map((q) => (
              <tr key={q.q} className="border-t border-line">
                <th scope="row" className="py-1 text-left font-normal text-muted">
                  p{Math.round(q.q * 100)}
                </th>
                <td className="py-1 text-right">{formatValue(q.baseline)}</td>
                <td className="py-1 text-right">{formatValue(q.canary)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ul className="flex flex-wrap gap-x-4 text-xs text-muted" aria-label="Evidence by test">
        {s.components.map((c) => (
          <li key={c.name}>
            {c.name}: {formatEValue(c.log10E)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
