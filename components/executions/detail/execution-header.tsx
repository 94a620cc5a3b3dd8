import { RelativeTime } from '@/components/ui/relative-time';
import { elapsedMs, formatDuration } from '@/lib/pipeline/duration';
import type { ExecutionSummary } from '@/lib/pipeline/execution';
import { StatusBadge } from '../status';
import { isoOf } from './format';

/** "manual by alice", "git push of main", "pipeline parent" — who or what started it, from Spinnaker's trigger shape. */
export function describeTrigger(trigger: Record<string, unknown>): string {
  const type = typeof trigger.type === 'string' ? trigger.type : 'unknown';
  const by = typeof trigger.user === 'string' && trigger.user ? ` by ${trigger.user}` : '';
  const what = [trigger.branch, trigger.tag, trigger.hash, trigger.parentPipelineName].find((v): v is string => typeof v === 'string' && v !== '');
  return `${type}${what ? ` (${what})` : ''}${by}`;
}

const parametersOf = (trigger: Record<string, unknown>) => (typeof trigger.parameters === 'object' && trigger.parameters !== null ? Object.entries(trigger.parameters) : []);

/**
 * Whether the execution waits for earlier runs of its pipeline (limitConcurrent, the default): the
 * engine leaves such a run NOT_STARTED, as Orca does, until the ones before it end; a run with no one
 * ahead of it is NOT_STARTED only for the moment it takes to start.
 */
const waitsInLine = (execution: ExecutionSummary) => execution.status === 'NOT_STARTED' && execution.limitConcurrent && execution.pipelineConfigId !== null && !execution.canceled;

/** Pipeline name, status, trigger, start, duration, parameters and cancellation of an execution. */
export function ExecutionHeader({ execution, now }: { execution: ExecutionSummary; now: number }) {
  const duration = elapsedMs(execution.startTime, execution.endTime, now);
  const parameters = parametersOf(execution.trigger);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{execution.name}</h1>
        <StatusBadge status={execution.status} className="text-sm" />
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div className="flex gap-1.5">
          <dt className="text-muted">Trigger</dt>
          <dd>{describeTrigger(execution.trigger)}</dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-muted">Started</dt>
          <dd>{execution.startTime === null ? 'not yet' : <RelativeTime iso={isoOf(execution.startTime)} />}</dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-muted">Duration</dt>
          <dd>{duration === null ? '—' : formatDuration(duration)}</dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-muted">Execution</dt>
          <dd className="font-mono text-xs leading-5">{execution.id}</dd>
        </div>
      </dl>
      {parameters.length > 0 && (
        <dl aria-label="Parameters" className="flex flex-wrap gap-2 text-xs">
          {parameters.map(([name, value]) => (
            <div key={name} className="rounded-md border border-line bg-surface-2 px-2 py-0.5">
              <dt className="inline text-muted">{name}=</dt>
              <dd className="inline font-mono">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {waitsInLine(execution) && (
        <p className="text-sm" data-testid="queued">
          Queued: {execution.name} runs one execution at a time, so this one starts when the runs before it have ended.
        </p>
      )}
      {execution.canceled && (
        <p className="text-sm" data-testid="cancellation">
          Canceled{execution.canceledBy ? ` by ${execution.canceledBy}` : ''}
          {execution.cancellationReason ? `: ${execution.cancellationReason}` : ''}
        </p>
      )}
    </div>
  );
}
