'use client';

import { useMutation } from '@tanstack/react-query';
import { lazy, Suspense, useId, useState } from 'react';
import { apiRequest } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { judgmentRoles } from '@/lib/pipeline/judgments';
import { isoOf } from './format';
import type { StageTabProps } from './stage-tabs';

// The Markdown parser is the largest thing on this page (~45 KB gzip): fetch it only when a judgment is shown.
const SafeMarkdown = lazy(() => import('./safe-markdown').then((m) => ({ default: m.SafeMarkdown })));

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map((v) => (typeof v === 'object' && v !== null && 'value' in v ? String(v.value) : String(v))).filter((v) => v.trim() !== '') : []);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A manual judgment: the instructions, then either the choice and Continue / Stop, who judged, or who may judge. */
export function JudgmentTab({ execution, stage, permissions, onChanged }: StageTabProps) {
  const { context } = stage;
  const instructions = text(context.instructions);
  const choices = strings(context.judgmentInputs);
  const roles = judgmentRoles(context);
  const judged = text(context.judgmentStatus);
  const mayJudge = permissions.judgeableStageIds.includes(stage.id);
  const [input, setInput] = useState(choices[0] ?? '');
  const choiceId = useId();

  const judge = useMutation({
    mutationFn: (judgment: 'continue' | 'stop') =>
      apiRequest(`/api/v1/executions/${encodeURIComponent(execution.id)}/stages/${encodeURIComponent(stage.id)}/judgment`, { method: 'POST', body: JSON.stringify({ judgment, ...(input ? { input } : {}) }) }),
    onSuccess: onChanged,
  });

  const judgedBy = stage.lastModified?.user ?? (text(context.lastModifiedBy) || 'someone');
  const verdict = judged === 'continue' ? 'Continue' : judged === 'stop' ? 'Stop' : judged;
  const judgedInput = text(context.judgmentInput);

  return (
    <div className="flex flex-col gap-4">
      <section aria-label="Instructions">
        {instructions ? (
          <Suspense fallback={<p className="whitespace-pre-wrap text-sm text-muted">Loading instructions…</p>}>
            <SafeMarkdown>{instructions}</SafeMarkdown>
          </Suspense>
        ) : (
          <p className="text-sm text-muted">No instructions were given.</p>
        )}
      </section>
      {judged ? (
        <p className="text-sm" data-testid="judgment-result">
          Judged by <strong>{judgedBy}</strong>
          {stage.lastModified && (
            <>
              {' '}
              at <RelativeTime iso={isoOf(stage.lastModified.time)} />
            </>
          )}
          : <strong>{verdict}</strong>
          {judgedInput && ` (${judgedInput})`}
        </p>
      ) : stage.status !== 'RUNNING' ? (
        <p className="text-sm text-muted">{stage.status === 'NOT_STARTED' ? 'This stage asks for a judgment once it starts.' : 'This stage ended without a judgment.'}</p>
      ) : mayJudge ? (
        <div className="flex flex-col gap-3">
          {choices.length > 0 && (
            <div className="flex flex-col gap-1.5">
              <label htmlFor={choiceId} className="text-sm font-medium">
                Judgment input
              </label>
              <select id={choiceId} value={input} onChange={(e) => setInput(e.target.value)} className="w-full max-w-xs rounded-md border border-line bg-surface px-3 py-2 text-sm">
                {choices.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </div>
          )}
          {judge.error && <Alert tone="danger">{judge.error.message}</Alert>}
          <div className="flex gap-2">
            <Button variant="primary" disabled={judge.isPending} onClick={() => judge.mutate('continue')}>
              Continue
            </Button>
            <Button variant="danger" disabled={judge.isPending} onClick={() => judge.mutate('stop')}>
              Stop
            </Button>
          </div>
        </div>
      ) : (
        <Alert tone="info">
          Waiting for a judgment. {roles.length > 0 ? <>Who may judge: people with EXECUTE on {execution.application} and one of the roles <strong>{roles.join(', ')}</strong>.</> : <>Who may judge: anyone with EXECUTE on {execution.application}.</>} You cannot judge this stage.
        </Alert>
      )}
    </div>
  );
}
