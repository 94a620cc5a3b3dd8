'use client';

import { useId, useState, type ReactNode } from 'react';
import { checkboxClass, textAreaClass, textInputClass } from '@/components/pipelines/control-styles';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { MetricPreview } from '../report/metric-preview';
import type { Direction, KindChoice, MetricForm, NanChoice, NoDataChoice, OutlierChoice } from './config-edits';

export interface MetricDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  initial: MetricForm;
  groups: string[];
  /** Names of the other metrics: a name must be unique in the config. */
  takenNames: string[];
  isNew: boolean;
  readOnly?: boolean;
  onSave(form: MetricForm): void;
}

function Labelled({ label, hint, children }: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">{label}</label>
      {children(id)}
      {hint && <p className="text-xs text-muted">{hint}</p>}
    </div>
  );
}

const selectClass = textInputClass;

/** deck-kayenta's metric modal: name, group, PromQL, fail-on, criticality, NaN strategy, effect sizes, outliers. */
export function MetricDialog({ open, onOpenChange, initial, groups, takenNames, isNew, readOnly = false, onSave }: MetricDialogProps) {
  const [form, setForm] = useState(initial);
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof MetricForm>(key: K, value: MetricForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errors: string[] = [];
  if (!form.name.trim()) errors.push('Name is required.');
  else if (takenNames.includes(form.name.trim())) errors.push(`Another metric is already named "${form.name.trim()}".`);
  if (!form.group.trim()) errors.push('Group is required.');
  if (!form.promql.trim()) errors.push('A PromQL template is required.');
  const showIncrease = form.direction !== 'decrease';
  const showDecrease = form.direction !== 'increase';
  const percent = (key: 'allowedIncrease' | 'allowedDecrease' | 'criticalIncrease' | 'criticalDecrease', label: string) => (
    <Labelled label={label} hint="percent; empty = no effect">
      {(id) => <input id={id} className={textInputClass} inputMode="decimal" value={form[key]} placeholder="no effect" onChange={(e) => set(key, e.target.value)} />}
    </Labelled>
  );
  const save = () => {
    setTouched(true);
    if (errors.length === 0) onSave(form);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={isNew ? 'Add metric' : `${readOnly ? 'Metric' : 'Edit metric'} ${initial.name}`}>
      <form className="flex max-h-[70vh] flex-col gap-3 overflow-y-auto pr-1" onSubmit={(e) => { e.preventDefault(); save(); }}>
        <fieldset disabled={readOnly} className="flex flex-col gap-3">
        <legend className="sr-only">Metric settings</legend>
        <Labelled label="Metric name">{(id) => <input id={id} className={textInputClass} value={form.name} onChange={(e) => set('name', e.target.value)} />}</Labelled>
        <Labelled label="Group" hint="type a new name to start a group">
          {(id) => (
            <>
              <input id={id} className={textInputClass} list={`${id}-groups`} value={form.group} onChange={(e) => set('group', e.target.value)} />
              <datalist id={`${id}-groups`}>{groups.map((g) => <option key={g} value={g} />)}</datalist>
            </>
          )}
        </Labelled>
        <Labelled label="PromQL template" hint="scope placeholders such as ${scope}, ${location} and extended params are filled per scope">
          {(id) => <textarea id={id} className={`${textAreaClass} font-mono text-xs`} value={form.promql} onChange={(e) => set('promql', e.target.value)} />}
        </Labelled>
        <MetricPreview name={form.name} promql={form.promql} />
        <div className="grid grid-cols-2 gap-3">
          <Labelled label="Fail on">
            {(id) => (
              <select id={id} className={selectClass} value={form.direction} onChange={(e) => set('direction', e.target.value as Direction)}>
                <option value="increase">Increase</option>
                <option value="decrease">Decrease</option>
                <option value="either">Either</option>
              </select>
            )}
          </Labelled>
          <Labelled label="NaN strategy">
            {(id) => (
              <select id={id} className={selectClass} value={form.nanStrategy} onChange={(e) => set('nanStrategy', e.target.value as NanChoice)}>
                <option value="default">Default (remove)</option>
                <option value="replace">Replace with zero</option>
                <option value="remove">Remove</option>
              </select>
            )}
          </Labelled>
        </div>
        <fieldset className="flex flex-col gap-1.5">
          <legend className="sr-only">Flags</legend>
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" className={checkboxClass} checked={form.critical} onChange={(e) => set('critical', e.target.checked)} /> Critical: fail the canary if this metric fails</label>
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" className={checkboxClass} checked={form.mustHaveData} onChange={(e) => set('mustHaveData', e.target.checked)} /> Must have data: fail the metric when it has none</label>
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" className={checkboxClass} checked={form.muted} onChange={(e) => set('muted', e.target.checked)} /> Muted: judge and report, but never affect the score</label>
        </fieldset>
        <fieldset className="grid grid-cols-2 gap-3 rounded-md border border-line p-3">
          <legend className="px-1 text-sm font-medium">Effect sizes (mean ratio)</legend>
          {showIncrease && percent('allowedIncrease', 'Allowed increase')}
          {showIncrease && percent('criticalIncrease', 'Critical increase')}
          {showDecrease && percent('allowedDecrease', 'Allowed decrease')}
          {showDecrease && percent('criticalDecrease', 'Critical decrease')}
        </fieldset>
        <fieldset className="grid grid-cols-3 gap-3 rounded-md border border-line p-3">
          <legend className="px-1 text-sm font-medium">foresail-v1 judge</legend>
          <Labelled label="Series kind">
            {(id) => (
              <select id={id} className={selectClass} value={form.kind} onChange={(e) => set('kind', e.target.value as KindChoice)}>
                <option value="auto">Automatic (histogram if the series have le)</option>
                <option value="gauge">Gauge</option>
                <option value="count">Count (events per point)</option>
                <option value="histogram">Histogram (buckets per point)</option>
              </select>
            )}
          </Labelled>
          <Labelled label="Exposure metric" hint="for counts: the metric counting requests">
            {(id) => <input id={id} className={textInputClass} value={form.exposure} placeholder="requests" onChange={(e) => set('exposure', e.target.value)} />}
          </Labelled>
          <Labelled label="When there is no data">
            {(id) => (
              <select id={id} className={selectClass} value={form.noData} onChange={(e) => set('noData', e.target.value as NoDataChoice)}>
                <option value="default">Default (fail if critical or must have data, else marginal)</option>
                <option value="fail">Fail</option>
                <option value="marginal">Marginal at best</option>
                <option value="ignore">Ignore</option>
              </select>
            )}
          </Labelled>
        </fieldset>
        <div className="grid grid-cols-2 gap-3">
          <Labelled label="Outliers">
            {(id) => (
              <select id={id} className={selectClass} value={form.outlierStrategy} onChange={(e) => set('outlierStrategy', e.target.value as OutlierChoice)}>
                <option value="default">Default (keep)</option>
                <option value="keep">Keep</option>
                <option value="remove">Remove</option>
              </select>
            )}
          </Labelled>
          <Labelled label="Outlier factor" hint="IQR multiple; default 3">
            {(id) => <input id={id} className={textInputClass} inputMode="decimal" value={form.outlierFactor} placeholder="3" onChange={(e) => set('outlierFactor', e.target.value)} />}
          </Labelled>
        </div>
        </fieldset>
        {touched && errors.length > 0 && (
          <ul role="alert" className="list-disc pl-5 text-sm text-danger">{errors.map((e) => <li key={e}>{e}</li>)}</ul>
        )}
        <div className="flex justify-end gap-2 pt-2">
          <Button onClick={() => onOpenChange(false)}>{readOnly ? 'Close' : 'Cancel'}</Button>
          {!readOnly && <Button type="submit" variant="primary">{isNew ? 'Add metric' : 'Apply'}</Button>}
        </div>
      </form>
    </Dialog>
  );
}
