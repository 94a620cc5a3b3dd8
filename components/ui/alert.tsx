import type { ReactNode } from 'react';
import { cn } from './cn';

const tones = {
  danger: 'border-danger/40 bg-danger-bg text-danger',
  info: 'border-info/40 bg-info-bg text-info',
  success: 'border-success/40 bg-success-bg text-success',
  warning: 'border-warning/40 bg-warning-bg text-warning',
} as const;

/** An inline message; `danger` is announced to screen readers at once. */
export function Alert({ tone = 'info', children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return (
    <div role={tone === 'danger' ? 'alert' : 'status'} className={cn('rounded-md border px-3 py-2 text-sm', tones[tone])}>
      {children}
    </div>
  );
}
