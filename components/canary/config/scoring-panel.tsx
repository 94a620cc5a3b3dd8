'use client';

import { useId } from 'react';
import { textInputClass } from '@/components/pipelines/control-styles';
import { cn } from '@/components/ui/cn';
import { weightSum } from '@/lib/canary/stats/config-rules';
import { FORESAIL_JUDGE, KAYENTA_JUDGE } from '@/lib/canary/stats/foresail/settings';
import { DEFAULT_JUDGE_SETTINGS, groupsOf, judgeOf, typedNumber, judgeSettingOf, setAlpha, setJudge, setJudgeSetting, setThreshold, setWeight, thresholdsOf, weightsOf, type ConfigDocument } from './config-edits';

/** The judge, group weights (must sum to 100, checked as you type) and the default score thresholds. */
export function ScoringPanel({ doc, onChange, canWrite }: { doc: ConfigDocument; onChange(doc: ConfigDocument): void; canWrite: boolean }) {
  const errorId = useId();
  const groups = groupsOf(doc);
  const weights = weightsOf(doc);
  const raw = doc.classifier?.groupWeights ?? {};
  const sum = weightSum(weights);
  const wrongSum = groups.length > 0 && Math.abs(sum - 100) > 1e-9;
  const thresholds = thresholdsOf(doc);
  const stored = doc.classifier?.scoreThresholds;
  const judge = judgeOf(doc);
  const judgeId = useId();

  return (
    <section aria-labelledby="scoring-heading" className="flex flex-col gap-3">
      <h2 id="scoring-heading" className="text-lg font-semibold">Scoring</h2>
      <div className="flex flex-col gap-1">
        <label htmlFor={judgeId} className="text-sm font-medium">
          Judge
        </label>
        <select id={judgeId} className={cn(textInputClass, 'max-w-md')} disabled={!canWrite} value={judge} onChange={(e) => onChange(setJudge(doc, e.target.value))}>
          <option value={FORESAIL_JUDGE}>foresail-v1 — sequential, anytime-valid (recommended)</option>
          <option value={KAYENTA_JUDGE}>NetflixACAJudge-v1.0 — Kayenta&apos;s Mann-Whitney judge</option>
          {judge !== FORESAIL_JUDGE && judge !== KAYENTA_JUDGE ? <option value={judge}>{judge} (not available in Foresail)</option> : null}
        </select>
        <p className="text-xs text-muted">
          {judge === FORESAIL_JUDGE
            ? 'Evidence accumulates over the intervals and may be checked after each one; identical versions fail at most α of the time over the whole analysis and all metrics; a failing critical metric stops the analysis early.'
            : "Judges each interval's window on its own, as Kayenta does (what imported Spinnaker configs expect)."}
        </p>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Group weights</legend>
        {groups.length === 0 && <p className="text-sm text-muted">Add a metric to get a group to weigh.</p>}
        <div className="flex flex-wrap gap-4">
          {groups.map((group) => (
            <label key={group} className="flex items-center gap-2 text-sm">
              <span>{group}</span>
              <input
                aria-label={`Weight of group ${group}`}
                aria-invalid={wrongSum || undefined}
                aria-describedby={wrongSum ? errorId : undefined}
                className={cn(textInputClass, 'w-20')}
                inputMode="decimal"
                readOnly={!canWrite}
                value={String(raw[group] ?? '')}
                onChange={(e) => onChange(setWeight(doc, group, typedNumber(e.target.value) ?? ''))}
              />
            </label>
          ))}
        </div>
        {groups.length > 0 && (
          <p id={errorId} role={wrongSum ? 'alert' : undefined} className={cn('text-sm', wrongSum ? 'text-danger' : 'text-muted')}>
            {wrongSum ? `Group weights must sum to 100; they sum to ${Number(sum.toFixed(6))}.` : 'Weights sum to 100.'}
          </p>
        )}
      </fieldset>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium">Score thresholds (used when a stage sets none)</legend>
        {(['marginal', 'pass'] as const).map((key) => (
          <label key={key} className="flex items-center gap-2 text-sm capitalize">
            {key}
            <input className={cn(textInputClass, 'w-20')} inputMode="decimal" readOnly={!canWrite} value={stored?.[key] === undefined ? '' : String(stored[key])} placeholder={String(thresholds[key])} onChange={(e) => onChange(setThreshold(doc, key, e.target.value))} />
          </label>
        ))}
      </fieldset>
      {judge === FORESAIL_JUDGE ? (
        <label className="flex items-center gap-2 text-sm">
          False-fail rate α
          <input className={cn(textInputClass, 'w-24')} inputMode="decimal" readOnly={!canWrite} value={String(doc.judge?.judgeConfigurations?.alpha ?? '')} placeholder="0.05" onChange={(e) => onChange(setAlpha(doc, e.target.value))} />
        </label>
      ) : (
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">Advanced judge settings</summary>
        <div className="mt-2 flex flex-wrap gap-4">
          {([
            ['confidenceLevel', 'Confidence level'],
            ['tolerance', 'Tolerance'],
          ] as const).map(([key, label]) => (
            <label key={key} className="flex items-center gap-2">
              {label}
              <input className={cn(textInputClass, 'w-24')} inputMode="decimal" readOnly={!canWrite} value={judgeSettingOf(doc, key)} placeholder={String(DEFAULT_JUDGE_SETTINGS[key])} onChange={(e) => onChange(setJudgeSetting(doc, key, e.target.value))} />
            </label>
          ))}
        </div>
        <p className="mt-1 text-xs text-muted">Kayenta&apos;s defaults (0.98 and 0.25) apply when empty; the confidence level sets the Mann-Whitney interval, the tolerance how far beyond it a metric must move.</p>
      </details>
      )}
    </section>
  );
}
