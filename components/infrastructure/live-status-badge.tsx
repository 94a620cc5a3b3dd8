import type { LiveStatus } from '@/lib/pipeline/kubernetes-views';
import { cn } from '@/components/ui/cn';

const tones: Record<LiveStatus, string> = {
  Current: 'border-success/40 bg-success-bg text-success',
  InProgress: 'border-info/40 bg-info-bg text-info',
  Failed: 'border-danger/40 bg-danger-bg text-danger',
  Missing: 'border-warning/40 bg-warning-bg text-warning',
  Unknown: 'border-line bg-surface-2 text-muted',
};
const labels: Record<LiveStatus, string> = { Current: 'Ready', InProgress: 'In progress', Failed: 'Failed', Missing: 'Missing', Unknown: 'Unknown' };

/** A live object's readiness (kstatus's Current / InProgress / Failed, plus Missing and Unknown), with the reason as its title. */
export function LiveStatusBadge({ status, message }: { status: LiveStatus; message?: string }) {
  return (
    <span title={message} className={cn('inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium', tones[status])}>
      {labels[status]}
    </span>
  );
}
