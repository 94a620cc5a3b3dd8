'use client';

import { useId } from 'react';
import { PickerNote } from './account-picker';
import { textInputClass } from './control-styles';
import { useField } from './editor-context';
import { describedBy, FieldShell } from './field-shell';
import type { PathSegment } from './issue-paths';
import { isExpression, useAccounts, useNamespaces } from './use-accounts';
import { readOptionalText } from './value-text';

/** A stage's namespace, suggested from its account's allow-list or live namespaces; free text stays allowed. */
export function NamespacePicker({ path, label }: { path: PathSegment[]; label: string }) {
  const id = useId();
  const field = useField(path);
  const account = useField([...path.slice(0, -1), 'account']).value;
  const { data: accounts } = useAccounts();
  const configured = typeof account === 'string' && accounts?.some((a) => a.name === account) ? account : undefined;
  const { data, error } = useNamespaces(configured);
  const value = typeof field.value === 'string' ? field.value : '';
  const outside = data?.source === 'allow-list' && value && !isExpression(value) && !data.namespaces.includes(value);
  const note = error ? error.message : outside ? `Account ${data.account} may only deploy to: ${data.namespaces.join(', ')}` : undefined;
  const aria = describedBy(id, field.issues);
  return (
    <FieldShell id={id} label={label} issues={field.issues}>
      <input
        id={id}
        type="text"
        list={`${id}-namespaces`}
        autoComplete="off"
        data-path={field.pathKey}
        className={textInputClass}
        value={value}
        disabled={field.readOnly}
        placeholder={configured ? 'Pick or type a namespace' : 'namespace'}
        onChange={(e) => field.set(readOptionalText(e.target.value, false))}
        {...aria}
        aria-describedby={[aria['aria-describedby'], note ? `${id}-note` : undefined].filter(Boolean).join(' ') || undefined}
      />
      <datalist id={`${id}-namespaces`}>
        {data?.namespaces.map((ns) => (
          <option key={ns} value={ns} />
        ))}
      </datalist>
      {note && (
        <PickerNote id={`${id}-note`} tone="warning">
          {note}
        </PickerNote>
      )}
    </FieldShell>
  );
}
