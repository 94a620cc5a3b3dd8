import { Ban, CircleAlert, CircleCheck, CircleDashed, CircleMinus, CircleOff, CirclePause, CircleX, Hourglass, LoaderCircle, Redo2, SkipForward, type LucideIcon } from 'lucide-react';
import type { ExecutionStatus } from '@/lib/pipeline/status';
import { cn } from '@/components/ui/cn';

export interface StatusTone {
  label: string;
  /** Text, border and background classes built from theme tokens, so light and dark mode both read. */
  className: string;
  Icon: LucideIcon;
}

const neutral = 'border-line bg-surface-2 text-muted';
const tones: Record<ExecutionStatus, StatusTone> = {
  NOT_STARTED: { label: 'Not started', className: neutral, Icon: CircleDashed },
  BUFFERED: { label: 'Queued', className: neutral, Icon: Hourglass },
  RUNNING: { label: 'Running', className: 'border-info/40 bg-info-bg text-info', Icon: LoaderCircle },
  PAUSED: { label: 'Paused', className: 'border-warning/40 bg-warning-bg text-warning', Icon: CirclePause },
  SUSPENDED: { label: 'Suspended', className: 'border-warning/40 bg-warning-bg text-warning', Icon: CirclePause },
  SUCCEEDED: { label: 'Succeeded', className: 'border-success/40 bg-success-bg text-success', Icon: CircleCheck },
  FAILED_CONTINUE: { label: 'Failed (continued)', className: 'border-warning/40 bg-warning-bg text-warning', Icon: CircleAlert },
  TERMINAL: { label: 'Failed', className: 'border-danger/40 bg-danger-bg text-danger', Icon: CircleX },
  CANCELED: { label: 'Canceled', className: neutral, Icon: Ban },
  STOPPED: { label: 'Stopped', className: neutral, Icon: CircleOff },
  SKIPPED: { label: 'Skipped', className: neutral, Icon: SkipForward },
  REDIRECT: { label: 'Restarting', className: 'border-info/40 bg-info-bg text-info', Icon: Redo2 },
};

function isStatus(status: string): status is ExecutionStatus {
  return Object.hasOwn(tones, status);
}

/** Label, colour and icon for an execution or stage status; unknown statuses read as themselves. */
export function statusTone(status: string): StatusTone {
  if (isStatus(status)) return tones[status];
  return { label: status, className: neutral, Icon: CircleMinus };
}

/** A status as icon + text (never colour alone); running statuses spin unless reduced motion is asked for. */
export function StatusBadge({ status, className }: { status: string; className?: string }) {
  const { label, className: tone, Icon } = statusTone(status);
  return (
    <span data-status={status} className={cn('inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium', tone, className)}>
      <Icon size={12} aria-hidden="true" className={status === 'RUNNING' ? 'motion-safe:animate-spin' : undefined} />
      {label}
    </span>
  );
}
