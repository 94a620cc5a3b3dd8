'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SECRET_MASK } from '@/lib/pipeline/secrets';
import { textInputClass } from './control-styles';
import { useField } from './editor-context';
import { describedBy, FieldShell } from './field-shell';
import type { PathFieldProps } from './value-inputs';

/**
 * A trigger secret. Nobody is shown a stored secret (the server sends a mask, and keeps the stored
 * value when the mask comes back), so this says one is set and offers to replace it; a new value is
 * typed into a password field and only that value is sent.
 */
export function SecretInput({ path, label }: Pick<PathFieldProps, 'path' | 'label'>) {
  const id = useId();
  const field = useField(path);
  const [replacing, setReplacing] = useState(false);
  const stored = field.value === SECRET_MASK;
  // Back to the mask (kept, or saved and reloaded): no longer replacing (React's adjust-state-while-rendering pattern).
  if (stored && replacing) setReplacing(false);
  if (stored) {
    return (
      <FieldShell id={id} label={label} issues={field.issues}>
        <div className="flex flex-wrap items-center gap-2" data-path={field.pathKey}>
          <span id={id} className="text-sm text-muted">
            A secret is set (hidden from everyone).
          </span>
          {!field.readOnly && (
            <Button
              size="sm"
              onClick={() => {
                setReplacing(true);
                field.set('');
              }}
            >
              Replace secret
            </Button>
          )}
        </div>
      </FieldShell>
    );
  }
  const hint = replacing ? 'Type the new secret; the old one stops working when you save.' : 'Kept hidden after saving.';
  return (
    <FieldShell id={id} label={label} hint={hint} issues={field.issues}>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          data-path={field.pathKey}
          type="password"
          autoComplete="new-password"
          className={textInputClass}
          value={typeof field.value === 'string' ? field.value : ''}
          disabled={field.readOnly}
          onChange={(e) => field.set(e.target.value === '' && !replacing ? undefined : e.target.value)}
          {...describedBy(id, field.issues, hint, false)}
        />
        {replacing && (
          <Button
            size="sm"
            onClick={() => {
              setReplacing(false);
              field.set(SECRET_MASK);
            }}
          >
            Keep the stored secret
          </Button>
        )}
      </div>
    </FieldShell>
  );
}
