import { CircleAlert, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ValidationIssue } from '@/lib/pipeline/issues';
import { cn } from '@/components/ui/cn';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A field's issues, errors in red and warnings in amber, each with an icon and words (not colour alone). */
export function IssueMessages({ id, issues }: { id?: string; issues: readonly ValidationIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="flex flex-col gap-0.5">
      {issues.map((issue, i) => (
        <li key={i} className={cn('flex items-start gap-1 text-xs', issue.severity === 'error' ? 'text-danger' : 'text-warning')}>
          {issue.severity === 'error' ? <CircleAlert size={13} className="mt-px shrink-0" aria-hidden="true" /> : <TriangleAlert size={13} className="mt-px shrink-0" aria-hidden="true" />}
          <span>
            <span className="sr-only">{issue.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
            {capitalise(issue.message)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export interface FieldShellProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  issues: readonly ValidationIssue[];
  children: ReactNode;
  className?: string;
}

/** Label above, control, then the field's issues (or its hint). Checkbox rows use `inline`. */
export function FieldShell({ id, label, required, hint, issues, children, className }: FieldShellProps) {
  return (
    <div className={cn('flex min-w-0 flex-col gap-1', className)}>
      <div className="flex items-baseline gap-1">
        <label htmlFor={id} className="text-xs font-medium text-fg">
          {label}
        </label>
        {required && (
          <span className="text-xs text-muted" aria-hidden="true" title="Required">
            *
          </span>
        )}
      </div>
      {children}
      {issues.length > 0 ? <IssueMessages id={`${id}-issues`} issues={issues} /> : hint && <p id={`${id}-hint`} className="text-xs text-muted">{hint}</p>}
    </div>
  );
}

/** aria attributes tying a control to its messages. */
export function describedBy(id: string, issues: readonly ValidationIssue[], hint?: string, required?: boolean) {
  const hasErrors = issues.some((i) => i.severity === 'error');
  return {
    'aria-required': required ? true : undefined,
    'aria-invalid': hasErrors ? true : undefined,
    'aria-describedby': issues.length > 0 ? `${id}-issues` : hint ? `${id}-hint` : undefined,
  } as const;
}
