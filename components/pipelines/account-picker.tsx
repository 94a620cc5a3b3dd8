'use client';

import { TriangleAlert } from 'lucide-react';
import { useId } from 'react';
import { textInputClass } from './control-styles';
import { useField } from './editor-context';
import { describedBy, FieldShell } from './field-shell';
import type { PathSegment } from './issue-paths';
import { isExpression, useAccounts } from './use-accounts';
import { readOptionalText } from './value-text';

export function PickerNote({ id, tone, children }: { id: string; tone: 'warning' | 'muted'; children: React.ReactNode }) {
  return (
    <p id={id} className={tone === 'warning' ? 'flex items-start gap-1 text-xs text-warning' : 'text-xs text-muted'}>
      {tone === 'warning' && <TriangleAlert size={13} className="mt-px shrink-0" aria-hidden="true" />}
      <span>{children}</span>
    </p>
  );
}

/**
 * The Kubernetes account of a stage: suggestions from the accounts configured here (with their status),
 * while free text stays allowed for accounts that exist only where the pipeline will run.
 */
export function AccountPicker({ path, label = 'Account', required = true }: { path: PathSegment[]; label?: string; required?: boolean }) {
  const id = useId();
  const field = useField(path);
  const { data: accounts, error } = useAccounts();
  const value = typeof field.value === 'string' ? field.value : '';
  const known = accounts?.find((a) => a.name === value);
  let note: { tone: 'warning' | 'muted'; text: string } | undefined;
  if (error) note = { tone: 'warning', text: error.message };
  else if (value && !isExpression(value) && accounts && !known) note = { tone: 'warning', text: `Account “${value}” is not configured in this Foresail (or you may not see it): it cannot be checked or dry-run here.` };
  else if (known && !known.status.reachable) note = { tone: 'warning', text: `Cluster unreachable: ${known.status.error ?? 'no answer'}` };
  else if (known && !known.canWrite) note = { tone: 'warning', text: `You may not deploy to ${known.name} (no WRITE permission); the pipeline runs with its trigger’s permissions.` };
  else if (known) note = { tone: 'muted', text: `Reachable, Kubernetes ${known.status.serverVersion ?? 'version unknown'}` };
  const aria = describedBy(id, field.issues, undefined, required);
  return (
    <FieldShell id={id} label={label} required={required} issues={field.issues}>
      <input
        id={id}
        type="text"
        list={`${id}-accounts`}
        autoComplete="off"
        data-path={field.pathKey}
        className={textInputClass}
        value={value}
        disabled={field.readOnly}
        placeholder="Pick or type an account"
        onChange={(e) => field.set(readOptionalText(e.target.value, required))}
        {...aria}
        aria-describedby={[aria['aria-describedby'], note ? `${id}-note` : undefined].filter(Boolean).join(' ') || undefined}
      />
      <datalist id={`${id}-accounts`}>
        {accounts?.map((a) => (
          <option key={a.name} value={a.name}>
            {a.status.reachable ? `reachable, ${a.status.serverVersion ?? ''}` : 'unreachable'}
          </option>
        ))}
      </datalist>
      {note && (
        <PickerNote id={`${id}-note`} tone={note.tone}>
          {note.text}
        </PickerNote>
      )}
    </FieldShell>
  );
}
