import { RelativeTime } from '@/components/ui/relative-time';
import { elapsedMs, formatDuration } from '@/lib/pipeline/duration';
import type { StageDto } from '@/lib/pipeline/execution';
import { StatusBadge } from '../status';
import { isoOf } from './format';

type Task = { name: string; status: string; startTime?: number; endTime?: number };

function readTasks(tasks: unknown[]): Task[] {
  return tasks.flatMap((t) => {
    if (typeof t !== 'object' || t === null) return [];
    const { name, status, startTime, endTime } = t as Record<string, unknown>;
    if (typeof name !== 'string') return [];
    return [{ name, status: typeof status === 'string' ? status : 'NOT_STARTED', ...(typeof startTime === 'number' ? { startTime } : {}), ...(typeof endTime === 'number' ? { endTime } : {}) }];
  });
}

type Evaluation = { expression: string; description: string; level: string };

/** The engine's `expressionEvaluationSummary`: expression → [{ description, level, timestamp }]. */
function readEvaluations(summary: unknown): Evaluation[] {
  if (typeof summary !== 'object' || summary === null) return [];
  return Object.entries(summary).flatMap(([expression, entries]) =>
    Array.isArray(entries) ? entries.map((e: unknown) => ({ expression, description: String((e as { description?: unknown }).description ?? ''), level: String((e as { level?: unknown }).level ?? 'INFO') })) : [],
  );
}

function Time({ ms }: { ms: number | null }) {
  return ms === null ? <span className="text-muted">—</span> : <RelativeTime iso={isoOf(ms)} />;
}

/** Status, times, tasks, expression evaluation summary and restart details of one stage. */
export function StageFacts({ stage, now }: { stage: StageDto; now: number }) {
  const tasks = readTasks(stage.tasks);
  const evaluations = readEvaluations(stage.context.expressionEvaluationSummary);
  const restart = stage.context.restartDetails as { restartedBy?: unknown; restartTime?: unknown; previousException?: unknown } | undefined;
  const duration = elapsedMs(stage.startTime, stage.endTime, now);
  return (
    <div className="flex flex-col gap-4 text-sm">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-muted">Status</dt>
        <dd>
          <StatusBadge status={stage.status} />
        </dd>
        <dt className="text-muted">Type</dt>
        <dd>{stage.type}</dd>
        <dt className="text-muted">Started</dt>
        <dd>
          <Time ms={stage.startTime} />
        </dd>
        <dt className="text-muted">Ended</dt>
        <dd>
          <Time ms={stage.endTime} />
        </dd>
        <dt className="text-muted">Duration</dt>
        <dd>{duration === null ? '—' : formatDuration(duration)}</dd>
      </dl>
      {tasks.length > 0 && (
        <section aria-label="Tasks">
          <h4 className="mb-1 font-medium">Tasks</h4>
          <ol className="flex flex-col gap-1">
            {tasks.map((t, i) => (
              <li key={`${t.name}-${i}`} className="flex items-center justify-between gap-2">
                <span>{t.name}</span>
                <span className="flex items-center gap-2 text-xs text-muted">
                  {t.startTime !== undefined && formatDuration((t.endTime ?? now) - t.startTime)}
                  <StatusBadge status={t.status} />
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {evaluations.length > 0 && (
        <section aria-label="Expression evaluation">
          <h4 className="mb-1 font-medium">Expression evaluation</h4>
          <ul className="flex flex-col gap-1">
            {evaluations.map((e, i) => (
              <li key={i} className="rounded border border-line p-2">
                <code className="font-mono text-xs">{e.expression}</code>
                <p className={e.level === 'ERROR' ? 'text-danger' : 'text-muted'}>
                  {e.level === 'ERROR' ? 'Failed: ' : 'Note: '}
                  {e.description}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {restart && typeof restart === 'object' && (
        <section aria-label="Restart details">
          <h4 className="mb-1 font-medium">Restarted</h4>
          <p>
            by {String(restart.restartedBy ?? 'someone')}
            {typeof restart.restartTime === 'number' && (
              <>
                {' '}
                <RelativeTime iso={isoOf(restart.restartTime)} />
              </>
            )}
          </p>
          {restart.previousException != null && (
            <details className="mt-1">
              <summary className="cursor-pointer text-muted">Error before the restart</summary>
              <pre className="mt-1 overflow-auto rounded bg-surface-2 p-2 font-mono text-xs">{JSON.stringify(restart.previousException, null, 2)}</pre>
            </details>
          )}
        </section>
      )}
    </div>
  );
}
