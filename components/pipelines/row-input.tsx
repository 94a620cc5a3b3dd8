'use client';

import { useField } from './editor-context';
import { textInputClass } from './control-styles';
import { describedBy, IssueMessages } from './field-shell';
import type { PathSegment } from './issue-paths';
import { formatScalar, readNumberText } from './value-text';
import { useId } from 'react';

/** A compact input for list rows: labelled for screen readers, its issues right below it. */
export function RowInput({ path, label, numeric = false, placeholder, className }: { path: readonly PathSegment[]; label: string; numeric?: boolean; placeholder?: string; className?: string }) {
  const id = useId();
  const field = useField(path);
  return (
    <div className={className ?? 'min-w-0 flex-1'}>
      <input
        id={id}
        data-path={field.pathKey}
        aria-label={label}
        type="text"
        inputMode={numeric ? 'decimal' : undefined}
        autoComplete="off"
        className={textInputClass}
        value={formatScalar(field.value)}
        placeholder={placeholder}
        disabled={field.readOnly}
        onChange={(e) => field.set(numeric ? (readNumberText(e.target.value) ?? '') : e.target.value)}
        {...describedBy(id, field.issues)}
      />
      <IssueMessages id={`${id}-issues`} issues={field.issues} />
    </div>
  );
}
