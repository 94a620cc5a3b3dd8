'use client';

import { useId } from 'react';
import { textInputClass } from '@/components/pipelines/control-styles';
import type { StartParameter } from './start-parameters';

/** One pipeline parameter: a select when it has options, free text otherwise; error beside it. */
export function ParameterField({ parameter, value, error, onChange }: { parameter: StartParameter; value: string; error?: string; onChange: (value: string) => void }) {
  const id = useId();
  const describedBy = [parameter.description && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': parameter.required || undefined };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {parameter.label}
        {parameter.required && (
          <span className="ml-1 text-danger" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {parameter.options ? (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)} className={textInputClass}>
          {!parameter.required && <option value="">(none)</option>}
          {parameter.required && !parameter.options.includes(value) && <option value="">Choose…</option>}
          {parameter.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type="text" value={value} onChange={(e) => onChange(e.target.value)} className={textInputClass} />
      )}
      {parameter.description && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {parameter.description}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
