'use client';

import { CircleAlert, TriangleAlert } from 'lucide-react';
import type { ValidationIssue } from '@/lib/pipeline/issues';
import { cn } from '@/components/ui/cn';
import { parsePath } from './issue-paths';
import { stageLabel, type StageSummary } from './stage-edits';

const sections: Record<string, string> = { triggers: 'Trigger', parameterConfig: 'Parameter', notifications: 'Notification', expectedArtifacts: 'Expected artifact' };

/** "Stage “Deploy” › account", "Trigger 1 › cronExpression": where an issue is, in words. */
export function describeLocation(path: string, stages: readonly StageSummary[]): string {
  const [head, index, ...rest] = parsePath(path);
  const tail = rest.map((s) => (typeof s === 'number' ? `#${s + 1}` : s)).join(' › ');
  if (head === 'stages' && typeof index === 'number') {
    const stage = stages[index];
    return `Stage “${stage ? stageLabel(stage) : index + 1}”${tail ? ` › ${tail}` : ''}`;
  }
  if (typeof head === 'string' && sections[head] && typeof index === 'number') return `${sections[head]} ${index + 1}${tail ? ` › ${tail}` : ''}`;
  return path || 'Pipeline';
}

/** Every issue of the pipeline, each a link to its field; errors block saving. */
export function IssueSummary({ issues, stages, onJump }: { issues: readonly ValidationIssue[]; stages: readonly StageSummary[]; onJump(path: string): void }) {
  if (issues.length === 0) return null;
  const errors = issues.filter((i) => i.severity === 'error');
  const ordered = [...errors, ...issues.filter((i) => i.severity !== 'error')];
  return (
    <details open={errors.length > 0 && errors.length <= 8} className={cn('rounded-lg border px-4 py-2.5', errors.length > 0 ? 'border-danger/40 bg-danger-bg' : 'border-warning/40 bg-warning-bg')}>
      <summary className={cn('cursor-pointer text-sm font-medium', errors.length > 0 ? 'text-danger' : 'text-warning')}>
        {errors.length > 0 ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : 'No errors'}
        {issues.length > errors.length && `, ${issues.length - errors.length} warning${issues.length - errors.length === 1 ? '' : 's'}`}
        {errors.length > 0 && <span className="font-normal text-fg"> — fix the errors to save</span>}
      </summary>
      <ul aria-label="Problems" className="mt-2 flex max-h-56 flex-col gap-1 overflow-y-auto">
        {ordered.map((issue, i) => (
          <li key={i} className="flex items-start gap-2 text-sm">
            {issue.severity === 'error' ? <CircleAlert size={14} className="mt-0.5 shrink-0 text-danger" aria-hidden="true" /> : <TriangleAlert size={14} className="mt-0.5 shrink-0 text-warning" aria-hidden="true" />}
            <span className="min-w-0 flex-1 text-fg">
              <span className="sr-only">{issue.severity}: </span>
              <span className="font-medium">{describeLocation(issue.path, stages)}</span>: {issue.message}
            </span>
            <button type="button" className="shrink-0 text-xs font-medium text-accent underline-offset-2 hover:underline" onClick={() => onJump(issue.path)}>
              Jump to<span className="sr-only"> {describeLocation(issue.path, stages)}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
