'use client';

import { cn } from '@/components/ui/cn';
import { formatDuration } from '@/lib/pipeline/duration';
import { statusTone } from '../status';
import type { GraphStage } from './graph-model';
import { timelineRows } from './timeline-rows';

/** Gantt-like bars of stage durations on one time axis; a row is a button that opens the stage. */
export function StageTimeline({ stages, now, selectedId, onSelect }: { stages: readonly GraphStage[]; now: number; selectedId?: string; onSelect(id: string): void }) {
  const { rows, spanMs } = timelineRows(stages, now);
  return (
    <div className="rounded-lg border border-line bg-surface">
      <div className="flex justify-between border-b border-line px-3 py-1.5 text-xs text-muted">
        <span>0s</span>
        <span>{formatDuration(spanMs)}</span>
      </div>
      <ul aria-label="Stage timeline" className="max-h-80 overflow-auto py-1">
        {rows.map(({ stage, depth, offset, width, durationMs }) => {
          const { label, className } = statusTone(stage.status);
          const duration = durationMs === undefined ? 'not started' : formatDuration(durationMs);
          return (
            <li key={stage.id}>
              <button
                type="button"
                onClick={() => onSelect(stage.id)}
                aria-label={`${stage.name}: ${label}, ${duration}`}
                aria-pressed={selectedId === stage.id}
                className={cn('grid w-full grid-cols-[minmax(8rem,14rem)_1fr_4.5rem] items-center gap-2 px-3 py-0.5 text-left text-xs hover:bg-surface-2', selectedId === stage.id && 'bg-surface-2')}
              >
                <span className="truncate" style={{ paddingLeft: depth * 12 }}>
                  {stage.name}
                </span>
                <span className="relative h-3.5 rounded-sm bg-surface-2">
                  {offset !== undefined && width !== undefined && (
                    <span
                      className={cn('absolute inset-y-0 min-w-[3px] rounded-sm border', className, stage.status === 'RUNNING' && 'motion-safe:animate-pulse')}
                      style={{ left: `${offset * 100}%`, width: `${width * 100}%` }}
                    />
                  )}
                </span>
                <span className="text-right tabular-nums text-muted">{duration}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
