'use client';

import { CalendarClock, Container, GitCommitHorizontal, Hand, Workflow, Zap, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { RelativeTime } from '@/components/ui/relative-time';
import { elapsedMs, formatDuration } from '@/lib/pipeline/duration';
import type { ExecutionSummary } from '@/lib/pipeline/execution';
import { StatusBadge } from '../status';
import { StageBar } from './stage-bar';
import { summarizeTrigger, type TriggerSummary } from '@/lib/pipeline/trigger-summary';
import { useSecondClock } from '@/components/ui/use-now';

const triggerIcons: Record<TriggerSummary['kind'], LucideIcon> = { manual: Hand, git: GitCommitHorizontal, docker: Container, pipeline: Workflow, cron: CalendarClock, other: Zap };
const triggerLabels: Record<TriggerSummary['kind'], string> = { manual: 'Started by', git: 'Git push', docker: 'Image', pipeline: 'Pipeline trigger', cron: 'Cron trigger', other: 'Trigger' };

export interface PinnedParameter {
  name: string;
  label: string;
}

export function executionHref(e: Pick<ExecutionSummary, 'application' | 'id'>): string {
  return `/applications/${encodeURIComponent(e.application)}/executions/${encodeURIComponent(e.id)}`;
}

/** The last characters of a ULID are random, so they tell runs apart at a glance. */
const shortId = (id: string) => id.slice(-6);

function TriggerText({ trigger }: { trigger: Record<string, unknown> }) {
  const summary = summarizeTrigger(trigger);
  const Icon = triggerIcons[summary.kind];
  return (
    <span className="inline-flex min-w-0 items-center gap-1 text-muted" title={triggerLabels[summary.kind]}>
      <Icon size={14} aria-hidden="true" className="shrink-0" />
      <span className="sr-only">{triggerLabels[summary.kind]}: </span>
      {summary.href ? (
        <Link href={summary.href} className="truncate hover:text-fg hover:underline">
          {summary.text}
        </Link>
      ) : (
        <span className="truncate">{summary.text}</span>
      )}
    </span>
  );
}

function pinnedValues(trigger: Record<string, unknown>, pinned: PinnedParameter[]): { label: string; value: string }[] {
  const params = typeof trigger.parameters === 'object' && trigger.parameters !== null ? (trigger.parameters as Record<string, unknown>) : {};
  return pinned.flatMap((p) => (params[p.name] === undefined || params[p.name] === '' ? [] : [{ label: p.label, value: String(params[p.name]) }]));
}

/** One execution: status, name, trigger, start, duration (ticking while it runs), pinned parameters, stage bar. */
export function ExecutionRow({ execution, pinned, showApplication }: { execution: ExecutionSummary; pinned: PinnedParameter[]; showApplication: boolean }) {
  const isRunning = execution.startTime !== null && execution.endTime === null;
  const now = useSecondClock(isRunning);
  const elapsed = elapsedMs(execution.startTime, execution.endTime, now ?? execution.endTime ?? execution.startTime ?? 0);
  const started = execution.startTime ?? execution.buildTime;
  const values = pinnedValues(execution.trigger, pinned);
  return (
    <li data-execution-id={execution.id} data-status={execution.status} className="grid grid-cols-1 gap-2 px-4 py-3 text-sm md:grid-cols-[8rem_minmax(0,1.4fr)_minmax(0,1fr)_minmax(8rem,1.2fr)] md:items-center md:gap-4">
      <StatusBadge status={execution.status} className="justify-self-start" />
      <div className="min-w-0">
        <Link href={executionHref(execution)} className="font-medium hover:underline focus-visible:underline">
          {showApplication ? `${execution.application} / ${execution.name}` : execution.name}
          <span className="ml-1 font-mono text-xs text-muted">#{shortId(execution.id)}</span>
        </Link>
        <div className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
          <TriggerText trigger={execution.trigger} />
          {values.map((v) => (
            <span key={v.label} className="rounded border border-line bg-surface-2 px-1.5 py-0.5 font-mono">
              {v.label}=<span className="text-fg">{v.value}</span>
            </span>
          ))}
        </div>
      </div>
      <div className="flex gap-3 text-xs text-muted md:flex-col md:gap-0.5">
        <span>
          <span className="sr-only">Started </span>
          <RelativeTime iso={new Date(started).toISOString()} />
        </span>
        <span aria-label={elapsed === null ? 'Not started' : `Duration ${formatDuration(elapsed)}`} data-duration>
          {elapsed === null ? 'not started' : isRunning && now === undefined ? 'running' : formatDuration(elapsed)}
        </span>
      </div>
      <StageBar execution={execution} now={now} />
    </li>
  );
}
