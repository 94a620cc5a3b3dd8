'use client';

import { Plus, X } from 'lucide-react';
import { useId } from 'react';
import { textAreaClass, textInputClass } from './control-styles';
import { useField } from './editor-context';
import { describedBy, FieldShell, IssueMessages } from './field-shell';
import { isJsonObject } from './json-path';
import type { PathFieldProps } from './value-inputs';
import { useTextDraft } from './use-text-draft';
import { formatLines, formatScalar, readLines } from './value-text';

/** A list of strings, one per line. */
export function StringListInput({ path, label, hint, required, placeholder }: PathFieldProps) {
  const id = useId();
  const field = useField(path);
  const [text, setText] = useTextDraft(field.value, formatLines);
  return (
    <FieldShell id={id} label={label} hint={hint ?? 'One per line'} required={required} issues={field.issues}>
      <textarea
        id={id}
        data-path={field.pathKey}
        rows={Math.min(6, Math.max(2, text.split('\n').length))}
        className={textAreaClass.replace('min-h-20', 'min-h-14')}
        value={text}
        placeholder={placeholder}
        disabled={field.readOnly}
        onChange={(e) => {
          const lines = readLines(e.target.value);
          const next = lines.length === 0 && !required ? undefined : lines;
          setText(e.target.value, next);
          field.set(next);
        }}
        {...describedBy(id, field.issues, hint ?? 'One per line')}
      />
    </FieldShell>
  );
}

/** Text per key (headers, parameters, constraints) as rows of key and value. */
export function MapInput({ path, label, hint }: PathFieldProps) {
  const field = useField(path);
  const entries = isJsonObject(field.value) ? Object.entries(field.value) : [];
  const write = (next: [string, unknown][]) => field.set(next.length === 0 ? undefined : Object.fromEntries(next));
  return (
    <fieldset className="flex flex-col gap-1.5" data-path={field.pathKey}>
      <legend className="mb-1 text-xs font-medium">{label}</legend>
      {entries.length === 0 && <p className="text-xs text-muted">{hint ?? 'None.'}</p>}
      {entries.map(([key, value], i) => (
        <div key={i} className="flex gap-1.5">
          <input aria-label={`${label}: key ${i + 1}`} className={textInputClass} value={key} disabled={field.readOnly} onChange={(e) => write(entries.map((entry, j) => (j === i ? [e.target.value, entry[1]] : entry)))} />
          <input aria-label={`${label}: value of ${key || `entry ${i + 1}`}`} className={textInputClass} value={formatScalar(value)} disabled={field.readOnly} onChange={(e) => write(entries.map((entry, j) => (j === i ? [entry[0], e.target.value] : entry)))} />
          <button type="button" aria-label={`Remove ${key || `entry ${i + 1}`}`} className="rounded-md px-1.5 text-muted hover:bg-surface-2 hover:text-fg disabled:opacity-50" disabled={field.readOnly} onClick={() => write(entries.filter((_, j) => j !== i))}>
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      ))}
      {!field.readOnly && !entries.some(([key]) => key === '') && (
        <button type="button" className="flex w-fit items-center gap-1 text-xs font-medium text-accent hover:underline" onClick={() => write([...entries, ['', '']])}>
          <Plus size={13} aria-hidden="true" /> Add entry
        </button>
      )}
      <IssueMessages issues={field.issues} />
    </fieldset>
  );
}
