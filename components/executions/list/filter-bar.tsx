'use client';

import { Search } from 'lucide-react';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { checkboxClass, textInputClass } from '@/components/pipelines/control-styles';
import { cn } from '@/components/ui/cn';
import { statusTone } from '../status';
import type { ExecutionStatus } from '@/lib/pipeline/status';
import { filtersToSearch, type Grouping, type ListFilters } from './list-filters';

const statusChoices: ExecutionStatus[] = ['RUNNING', 'PAUSED', 'NOT_STARTED', 'BUFFERED', 'SUCCEEDED', 'TERMINAL', 'FAILED_CONTINUE', 'CANCELED'];
const groupLabels: Record<Grouping, string> = { pipeline: 'Pipeline', time: 'Day', none: 'None' };
const selectClass = cn(textInputClass, 'w-auto pr-8');

/**
 * The list's filters. Every change goes into the URL (so it can be shared and the back button
 * restores it); the server renders the first page for the new URL. Typing searches after a pause
 * and replaces the history entry instead of adding one per keystroke.
 */
export function FilterBar({ filters: applied, pipelines }: { filters: ListFilters; pipelines: { id: string; name: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [isPending, startTransition] = useTransition();
  const [text, setText] = useState(applied.q);
  // Controls show the choice at once; the list (keyed by the URL) remounts when the page arrives.
  const [filters, setFilters] = useState(applied);
  const latest = useRef(filters);
  useEffect(() => {
    latest.current = filters;
  });
  const go = (next: ListFilters, mode: 'push' | 'replace' = 'push') => {
    setFilters(next);
    startTransition(() => router[mode](`${pathname}${filtersToSearch(next)}`, { scroll: false }));
  };

  useEffect(() => {
    if (text.trim() === latest.current.q) return;
    const timer = setTimeout(() => go({ ...latest.current, q: text.trim() }, 'replace'), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only typing schedules a search
  }, [text]);

  const toggleStatus = (status: ExecutionStatus, on: boolean) => go({ ...filters, statuses: on ? [...filters.statuses, status] : filters.statuses.filter((s) => s !== status) });

  return (
    <section aria-label="Filters" aria-busy={isPending} className="mb-4 flex flex-col gap-3 rounded-lg border border-line bg-surface p-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="relative min-w-48 flex-1">
          <Search size={16} aria-hidden="true" className="pointer-events-none absolute left-2.5 top-1/2 -translate-y-1/2 text-muted" />
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search executions" placeholder="Search by pipeline, trigger, user, commit, tag or parameter" className={cn(textInputClass, 'pl-8')} />
        </div>
        {pipelines.length > 0 && (
          <label className="flex items-center gap-2 text-sm">
            Pipeline
            <select value={filters.pipelines.length === 1 ? filters.pipelines[0] : ''} onChange={(e) => go({ ...filters, pipelines: e.target.value ? [e.target.value] : [] })} className={selectClass}>
              <option value="">All pipelines</option>
              {pipelines.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex items-center gap-2 text-sm">
          Group by
          <select value={filters.group} onChange={(e) => go({ ...filters, group: e.target.value as Grouping })} className={selectClass}>
            {Object.entries(groupLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex h-8 items-center gap-2 text-sm">
          <input type="checkbox" className={checkboxClass} checked={filters.awaitingMyJudgment} onChange={(e) => go({ ...filters, awaitingMyJudgment: e.target.checked })} />
          Awaiting my judgment
        </label>
      </div>
      <fieldset className="flex flex-wrap items-center gap-1.5">
        <legend className="sr-only">Status</legend>
        <span aria-hidden="true" className="mr-1 text-sm text-muted">
          Status
        </span>
        {statusChoices.map((status) => {
          const tone = statusTone(status);
          const checked = filters.statuses.includes(status);
          return (
            <label key={status} className={cn('inline-flex cursor-pointer items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium focus-within:outline-2 focus-within:outline-focus', checked ? tone.className : 'border-line text-muted hover:text-fg')}>
              <input type="checkbox" className="size-3 accent-current" checked={checked} onChange={(e) => toggleStatus(status, e.target.checked)} />
              <tone.Icon size={12} aria-hidden="true" />
              {tone.label}
            </label>
          );
        })}
      </fieldset>
    </section>
  );
}
