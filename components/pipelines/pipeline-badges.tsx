import { Lock, PowerOff } from 'lucide-react';

/** Disabled and locked states as text with an icon (never colour alone). */
export function PipelineBadges({ disabled, locked }: { disabled: boolean; locked: boolean }) {
  return (
    <>
      {disabled && (
        <span className="inline-flex items-center gap-1 rounded-full border border-line bg-surface-2 px-2 py-0.5 text-xs font-medium text-muted">
          <PowerOff size={12} aria-hidden="true" /> Disabled
        </span>
      )}
      {locked && (
        <span className="inline-flex items-center gap-1 rounded-full border border-warning/40 bg-warning-bg px-2 py-0.5 text-xs font-medium text-warning">
          <Lock size={12} aria-hidden="true" /> Locked
        </span>
      )}
    </>
  );
}
