'use client';

import { useId } from 'react';
import { checkboxClass, textAreaClass, textInputClass } from './control-styles';
import { useField } from './editor-context';
import { describedBy, FieldShell, IssueMessages } from './field-shell';
import type { PathSegment } from './issue-paths';
import { formatScalar, readNumberText, readOptionalText } from './value-text';

export interface PathFieldProps {
  path: readonly PathSegment[];
  label: string;
  hint?: string;
  required?: boolean;
  placeholder?: string;
}

export function TextInput({ path, label, hint, required = false, placeholder, multiline }: PathFieldProps & { multiline?: boolean }) {
  const id = useId();
  const field = useField(path);
  const common = {
    id,
    'data-path': field.pathKey,
    value: formatScalar(field.value),
    disabled: field.readOnly,
    placeholder,
    ...describedBy(id, field.issues, hint, required),
  };
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} issues={field.issues}>
      {multiline ? (
        <textarea {...common} className={textAreaClass} onChange={(e) => field.set(readOptionalText(e.target.value, required))} />
      ) : (
        <input {...common} type="text" autoComplete="off" className={textInputClass} onChange={(e) => field.set(readOptionalText(e.target.value, required))} />
      )}
    </FieldShell>
  );
}

/** A number, or a `${…}` expression that evaluates to one. */
export function NumberInput({ path, label, hint, required = false, placeholder }: PathFieldProps) {
  const id = useId();
  const field = useField(path);
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} issues={field.issues}>
      <input
        id={id}
        data-path={field.pathKey}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        className={textInputClass}
        value={formatScalar(field.value)}
        disabled={field.readOnly}
        placeholder={placeholder}
        onChange={(e) => field.set(readNumberText(e.target.value) ?? (required ? '' : undefined))}
        {...describedBy(id, field.issues, hint, required)}
      />
    </FieldShell>
  );
}

/** A checkbox; a value written as an expression is shown (and edited) as text until replaced. */
export function BooleanInput({ path, label, hint, invert = false, whenAbsent = false }: PathFieldProps & { invert?: boolean; whenAbsent?: boolean }) {
  const id = useId();
  const field = useField(path);
  if (typeof field.value === 'string') {
    return (
      <div className="flex flex-col gap-1">
        <FieldShell id={id} label={`${label} (expression)`} issues={field.issues}>
          <div className="flex gap-2">
            <input id={id} data-path={field.pathKey} type="text" className={textInputClass} value={field.value} disabled={field.readOnly} onChange={(e) => field.set(e.target.value)} {...describedBy(id, field.issues)} />
            <button type="button" className="shrink-0 text-xs text-accent hover:underline disabled:opacity-50" disabled={field.readOnly} onClick={() => field.set(true)}>
              Use a checkbox
            </button>
          </div>
        </FieldShell>
      </div>
    );
  }
  const on = field.value === undefined || field.value === null ? whenAbsent : field.value === true;
  const checked = invert ? !on : on;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-start gap-2">
        <input
          id={id}
          data-path={field.pathKey}
          type="checkbox"
          className={`${checkboxClass} mt-0.5`}
          checked={checked}
          disabled={field.readOnly}
          onChange={(e) => field.set(invert ? !e.target.checked : e.target.checked)}
          {...describedBy(id, field.issues, hint)}
        />
        <label htmlFor={id} className="text-sm">
          {label}
          {hint && field.issues.length === 0 && (
            <span id={`${id}-hint`} className="block text-xs text-muted">
              {hint}
            </span>
          )}
        </label>
      </div>
      <IssueMessages id={`${id}-issues`} issues={field.issues} />
    </div>
  );
}

/** One of fixed values; a value that is an expression stays selectable as written. */
export function EnumInput({ path, label, hint, required = false, values }: PathFieldProps & { values: readonly string[] }) {
  const id = useId();
  const field = useField(path);
  const current = formatScalar(field.value);
  const extra = current !== '' && !values.includes(current) ? [current] : [];
  return (
    <FieldShell id={id} label={label} hint={hint} required={required} issues={field.issues}>
      <select
        id={id}
        data-path={field.pathKey}
        className={textInputClass}
        value={current}
        disabled={field.readOnly}
        onChange={(e) => field.set(e.target.value === '' ? undefined : e.target.value)}
        {...describedBy(id, field.issues, hint, required)}
      >
        <option value="">{required ? 'Choose…' : '(default)'}</option>
        {[...values, ...extra].map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
