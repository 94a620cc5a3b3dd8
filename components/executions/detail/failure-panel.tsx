import { AlertTriangle } from 'lucide-react';
import type { StageDto } from '@/lib/pipeline/execution';
import { explainFailure } from './explain-failure';
import { JsonBlock } from './json-block';

/** Why the stage failed, in words, with the raw error behind a disclosure. */
export function FailurePanel({ stage }: { stage: StageDto }) {
  const failure = explainFailure(stage);
  if (!failure) return null;
  return (
    <section aria-label="Failure" className="rounded-md border border-danger/40 bg-danger-bg p-3 text-sm">
      <h4 className="flex items-center gap-1.5 font-semibold text-danger">
        <AlertTriangle size={16} aria-hidden="true" /> Why it failed
      </h4>
      <p className="mt-1 text-fg" data-testid="failure-summary">
        {failure.summary}
      </p>
      <p className="mt-1 text-muted">{failure.consequence}</p>
      {failure.hint && <p className="mt-1 text-fg">What to do: {failure.hint}</p>}
      <details className="mt-2">
        <summary className="cursor-pointer text-muted">Raw error</summary>
        <div className="mt-2">
          <JsonBlock label="Raw error" value={stage.context.exception ?? failure.raw} />
        </div>
      </details>
    </section>
  );
}
