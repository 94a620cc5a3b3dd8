'use client';

import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { formatDuration } from '@/lib/pipeline/duration';
import type { ExecutionSummary } from '@/lib/pipeline/execution';
import { statusTone } from '../status';
import { stageSegments } from './stage-segments';

// Solid fills for the bar; the tooltip and aria-label carry the status in words and icon too.
const fills: Record<string, string> = {
  SUCCEEDED: 'bg-success',
  RUNNING: 'bg-info motion-safe:animate-pulse',
  REDIRECT: 'bg-info',
  TERMINAL: 'bg-danger',
  FAILED_CONTINUE: 'bg-warning',
  PAUSED: 'bg-warning',
  SUSPENDED: 'bg-warning',
  CANCELED: 'bg-muted/60',
  STOPPED: 'bg-muted/60',
  SKIPPED: 'bg-muted/30',
};

/**
 * Top-level stages as equal segments coloured by status. Each segment is a link to the stage on the
 * execution page, so it is keyboard reachable; its tooltip (name, status, duration) shows on hover
 * and on focus.
 */
export function StageBar({ execution, now }: { execution: ExecutionSummary; now: number | undefined }) {
  const segments = stageSegments(execution.stages, now ?? execution.endTime ?? execution.startTime ?? execution.buildTime);
  if (segments.length === 0) return <span className="text-xs text-muted">No stages</span>;
  const base = `/applications/${encodeURIComponent(execution.application)}/executions/${encodeURIComponent(execution.id)}`;
  return (
    <ol aria-label="Stages" className="flex h-3 w-full min-w-24 gap-0.5">
      {segments.map((s) => {
        const tone = statusTone(s.status);
        const duration = s.durationMs === null ? 'not started' : formatDuration(s.durationMs);
        const tipId = `tip-${execution.id}-${s.id}`;
        return (
          <li key={s.id} className="group relative flex-1" data-stage-status={s.status}>
            <Link
              href={`${base}?stage=${encodeURIComponent(s.id)}`}
              aria-label={`${s.name}: ${tone.label}, ${duration}`}
              aria-describedby={tipId}
              className={cn('block h-3 rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus', fills[s.status] ?? 'bg-line')}
            />
            <span
              id={tipId}
              role="tooltip"
              className="pointer-events-none absolute bottom-full left-1/2 z-20 mb-2 hidden -translate-x-1/2 whitespace-nowrap rounded-md border border-line bg-surface px-2 py-1 text-xs shadow-lg group-focus-within:block group-hover:block"
            >
              <span className="font-medium">{s.name}</span>
              <span className="ml-2 inline-flex items-center gap-1 text-muted">
                <tone.Icon size={12} aria-hidden="true" />
                {tone.label} · {duration}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
