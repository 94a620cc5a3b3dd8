import type { ScoreClassification } from '@/lib/canary/stats';
import { cn } from '@/components/ui/cn';
import { scoreToneClass } from './tones';

/** A canary score as an integer with its verdict in words (never colour alone). */
export function ScorePill({ score, classification, size = 'sm', label }: { score: number; classification: ScoreClassification; size?: 'sm' | 'lg'; label?: string }) {
  return (
    <span
      data-testid="score-pill"
      data-classification={classification}
      className={cn('inline-flex items-baseline gap-1.5 whitespace-nowrap rounded-full border font-semibold', size === 'lg' ? 'px-4 py-1.5 text-2xl' : 'px-2 py-0.5 text-xs', scoreToneClass[classification])}
    >
      {label ? <span className="font-normal">{label}</span> : null}
      <span>{Math.round(score)}</span>
      <span className={size === 'lg' ? 'text-base font-medium' : 'font-medium'}>{classification}</span>
    </span>
  );
}
