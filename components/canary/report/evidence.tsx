import type { MetricResult } from '@/lib/canary/stats';
import { ciFigure, effectSizeMarks, formatValue } from './chart-data';

const pct = (p: number) => `${(p * 100).toFixed(2)}%`;

/**
 * The Mann-Whitney interval and estimate drawn against zero and ±tolerance·|estimate|: the metric
 * is High only when the whole interval lies above +bound, Low only when below −bound.
 */
export function ConfidenceFigure({ result }: { result: MetricResult }) {
  const fig = ciFigure(result);
  if (!fig || !result.confidenceInterval) return <p className="text-sm text-muted">No confidence interval: the test did not run ({result.classification}).</p>;
  const ci = result.confidenceInterval;
  const x = (p: number | null) => (p === null ? null : 10 + p * 580);
  const zero = 10 + fig.zero * 580;
  const estimate = x(fig.estimate);
  const band: [number | null, number | null] = [x(fig.minusBound), x(fig.plusBound)];
  const lo = x(fig.lower);
  const hi = x(fig.upper);
  return (
    <figure data-testid="ci-figure" className="flex flex-col gap-1">
      <svg viewBox="0 0 600 70" className="w-full" role="img" aria-label={`${Math.round(ci.level * 100)}% confidence interval ${formatValue(ci.lower)} to ${formatValue(ci.upper)}, estimate ${formatValue(result.estimate)}, bound ±${formatValue(result.bound)}. ${fig.verdict}`}>
        {band[0] !== null && band[1] !== null ? <rect x={band[0]} y={14} width={Math.max(band[1] - band[0], 1)} height={30} fill="var(--surface-2)" stroke="var(--line)" strokeDasharray="3 2" /> : null}
        <line x1={zero} x2={zero} y1={8} y2={50} stroke="var(--muted)" />
        <text x={zero} y={62} fontSize={11} textAnchor="middle" fill="var(--muted)">
          0
        </text>
        {band[1] !== null ? (
          <text x={band[1]} y={10} fontSize={10} textAnchor="middle" fill="var(--muted)">
            +{formatValue(result.bound)}
          </text>
        ) : null}
        {band[0] !== null ? (
          <text x={band[0]} y={10} fontSize={10} textAnchor="middle" fill="var(--muted)">
            −{formatValue(result.bound)}
          </text>
        ) : null}
        <line x1={lo ?? 10} x2={hi ?? 590} y1={29} y2={29} stroke="var(--fg)" strokeWidth={3} strokeDasharray={lo === null || hi === null ? '4 3' : undefined} />
        {lo !== null ? <line x1={lo} x2={lo} y1={22} y2={36} stroke="var(--fg)" strokeWidth={2} /> : null}
        {hi !== null ? <line x1={hi} x2={hi} y1={22} y2={36} stroke="var(--fg)" strokeWidth={2} /> : null}
        {estimate !== null ? <circle cx={estimate} cy={29} r={5} fill="#d97706" stroke="var(--surface)" /> : null}
        {estimate !== null ? (
          <text x={estimate} y={62} fontSize={11} textAnchor="middle" fill="var(--fg)">
            estimate {formatValue(result.estimate)}
          </text>
        ) : null}
      </svg>
      <figcaption className="text-xs text-muted">
        {Math.round(ci.level * 100)}% confidence interval of canary − baseline: [{formatValue(ci.lower)}, {formatValue(ci.upper)}], estimate {formatValue(result.estimate)}. Shaded: ±{pct(result.tolerance)} of |estimate| = ±{formatValue(result.bound)}. {fig.verdict}.
      </figcaption>
    </figure>
  );
}

/** The measured effect size (mean ratio or CLES) on an axis with its allowed and critical thresholds. */
export function EffectSizeFigure({ effect }: { effect: MetricResult['effectSize'] }) {
  const marks = effectSizeMarks(effect);
  const values = marks.map((m) => m.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (v: number) => 40 + ((v - min) / span) * 520;
  // Labels near an end grow inwards, so none is cut off by the edge.
  const anchor = (v: number) => (x(v) < 150 ? 'start' : x(v) > 450 ? 'end' : 'middle');
  const measure = effect.measure === 'meanRatio' ? 'mean ratio (canary ÷ baseline)' : 'CLES (P(canary > baseline))';
  const thresholdText = (label: string) => (label.split(', ').length === 4 ? 'all thresholds (no effect set)' : label);
  return (
    <figure data-testid="effect-size" className="flex flex-col gap-1">
      <svg viewBox="0 0 600 56" className="w-full" role="img" aria-label={`Effect size ${measure}: ${formatValue(effect.value)}`}>
        <line x1={20} x2={580} y1={24} y2={24} stroke="var(--line)" />
        {marks.map((m, i) => (
          <g key={m.label}>
            <line x1={x(m.value)} x2={x(m.value)} y1={m.kind === 'measured' ? 12 : 16} y2={m.kind === 'measured' ? 36 : 32} stroke={m.kind === 'measured' ? '#d97706' : m.kind === 'critical' ? 'var(--danger)' : 'var(--muted)'} strokeWidth={m.kind === 'measured' ? 3 : 1.5} />
            <text x={x(m.value)} y={i % 2 === 0 ? 50 : 10} fontSize={10} textAnchor={anchor(m.value)} fill={m.kind === 'measured' ? 'var(--fg)' : 'var(--muted)'}>
              {m.kind === 'measured' ? 'measured' : thresholdText(m.label)} {formatValue(m.value)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="text-xs text-muted">
        Effect size, {measure}: {effect.value === null ? 'undefined (a zero mean), so the thresholds were not applied' : formatValue(effect.value)}. A High or Low verdict also needs the effect past the allowed threshold; past a critical threshold it fails the run.
      </figcaption>
    </figure>
  );
}
