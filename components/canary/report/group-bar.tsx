'use client';

import { classifyScore, type GroupScore } from '@/lib/canary/stats';
import { cn } from '@/components/ui/cn';
import { scoreToneClass } from './tones';

/**
 * One block per group, as wide as its weight and coloured by its score against the thresholds;
 * clicking a block filters the metric table to that group (click again to clear).
 */
export function GroupBar({ groups, thresholds, selected, onSelect }: { groups: GroupScore[]; thresholds: { pass: number; marginal: number }; selected: string | null; onSelect(group: string | null): void }) {
  const total = groups.reduce((sum, g) => sum + Math.max(g.weight, 0), 0);
  if (groups.length === 0) return null;
  return (
    <div className="flex w-full gap-1" role="group" aria-label="Group scores">
      {groups.map((g) => {
        const tone = g.noData ? 'border-line bg-surface-2 text-muted' : scoreToneClass[classifyScore(g.score, thresholds)];
        const width = total > 0 ? Math.max(g.weight, 0) / total : 1 / groups.length;
        return (
          <button
            key={g.name}
            type="button"
            aria-pressed={selected === g.name}
            onClick={() => onSelect(selected === g.name ? null : g.name)}
            style={{ flexGrow: Math.max(width, 0.06) }}
            className={cn('min-w-0 basis-0 truncate rounded border px-2 py-1.5 text-left text-xs', tone, selected === g.name && 'ring-2 ring-focus')}
            title={`${g.name}: ${g.noData ? 'no data' : Math.round(g.score)} (weight ${g.weight}%)`}
          >
            <span className="font-medium">{g.name}</span> {g.noData ? 'no data' : Math.round(g.score)} <span className="opacity-75">· {g.weight}%</span>
          </button>
        );
      })}
    </div>
  );
}
