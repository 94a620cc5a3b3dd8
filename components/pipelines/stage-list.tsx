'use client';

import { CircleAlert } from 'lucide-react';
import { memo, useEffect, useId, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { ValidationIssue } from '@/lib/pipeline/issues';
import { typeLabel } from './catalog-types';
import { cn } from '@/components/ui/cn';
import { stageLabel, type StageSummary } from './stage-edits';

interface OptionProps {
  id: string;
  refId: string;
  label: string;
  detail: string;
  errors: number;
  active: boolean;
  focusable: boolean;
}

// Memoised with primitive props: editing one stage re-renders one row, not two hundred.
const StageOption = memo(function StageOption({ id, refId, label, detail, errors, active, focusable }: OptionProps) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      data-ref-id={refId}
      tabIndex={focusable ? 0 : -1}
      className={cn('flex cursor-pointer flex-col rounded px-2.5 py-1.5 text-sm focus-visible:outline-2 focus-visible:-outline-offset-2', active ? 'bg-accent/10 text-fg ring-1 ring-accent/40' : 'hover:bg-surface-2')}
    >
      <span className="flex items-center gap-1.5">
        <span className="truncate font-medium">{label}</span>
        {errors > 0 && (
          <span className="ml-auto flex shrink-0 items-center gap-0.5 text-xs text-danger">
            <CircleAlert size={12} aria-hidden="true" />
            {errors}
            <span className="sr-only"> {errors === 1 ? 'error' : 'errors'}</span>
          </span>
        )}
      </span>
      <span className="truncate text-xs text-muted">{detail}</span>
    </div>
  );
});

/**
 * The stages as a listbox beside the graph, so everything works from the keyboard: Tab reaches the
 * selected stage, arrow keys, Home and End move the selection (it follows focus), Enter selects.
 */
export const StageList = memo(function StageList({ stages, issuesByStage, selected, onSelect }: { stages: readonly StageSummary[]; issuesByStage: ReadonlyMap<number, readonly ValidationIssue[]>; selected?: string; onSelect(refId: string): void }) {
  const id = useId();
  const list = useRef<HTMLDivElement>(null);
  const index = stages.findIndex((s) => s.refId === selected);
  const names = new Map(stages.map((s) => [s.refId, stageLabel(s)]));
  const optionId = (refId: string) => `${id}-${refId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  useEffect(() => {
    if (selected === undefined) return;
    list.current?.querySelector(`[data-ref-id="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  // One handler for all rows (event delegation), so the rows stay memoised.
  const onClick = (event: MouseEvent) => {
    const refId = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]')?.dataset.refId;
    if (refId !== undefined) onSelect(refId);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const last = stages.length - 1;
    const target = { ArrowDown: index < 0 ? 0 : Math.min(last, index + 1), ArrowUp: Math.max(0, index - 1), Home: 0, End: last, Enter: Math.max(0, index), ' ': Math.max(0, index) }[event.key];
    const stage = target === undefined ? undefined : stages[target];
    if (!stage) return;
    event.preventDefault();
    onSelect(stage.refId);
    document.getElementById(optionId(stage.refId))?.focus();
  };

  return (
    <div ref={list} role="listbox" aria-label="Stages" tabIndex={-1} onClick={onClick} onKeyDown={onKeyDown} className="flex max-h-[28rem] flex-col overflow-y-auto rounded-md border border-line bg-surface p-1 outline-none">
      {stages.length === 0 && <p className="p-3 text-sm text-muted">No stages yet. Use “Add stage”.</p>}
      {stages.map((s) => {
        const after = s.requisites.length > 0 ? ` · after ${s.requisites.map((r) => names.get(r) ?? r).join(', ')}` : '';
        return (
          <StageOption
            key={`${s.index}-${s.refId}`}
            id={optionId(s.refId)}
            refId={s.refId}
            label={stageLabel(s)}
            detail={typeLabel(s.type) + after}
            errors={(issuesByStage.get(s.index) ?? []).filter((i) => i.severity === 'error').length}
            active={s.refId === selected}
            focusable={s.refId === selected || (index < 0 && s.index === 0)}
          />
        );
      })}
    </div>
  );
});
