'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '@/components/api/client';
import { ConfirmDialog } from '@/components/pipelines/confirm-dialog';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import type { StageDto } from '@/lib/pipeline/execution';
import { manualSkipRefusal } from '@/lib/pipeline/manual-skip';
import { isComplete } from '@/lib/pipeline/status';

/**
 * Restart (confirmed: it resets downstream stages too), skip-remaining-wait and skip (with a reason),
 * for people with EXECUTE. Skip is offered only where the server allows it (manualSkipRefusal: never
 * a judgment or a canary analysis), so nobody is shown a button that can only be refused.
 */
export function StageActions({ executionId, stage, onChanged }: { executionId: string; stage: StageDto; onChanged(): void }) {
  const [dialog, setDialog] = useState<'restart' | 'skip' | undefined>(undefined);
  const [reason, setReason] = useState('');
  const base = `/api/v1/executions/${encodeURIComponent(executionId)}/stages/${encodeURIComponent(stage.id)}`;
  const done = () => {
    setDialog(undefined);
    onChanged();
  };
  const restart = useMutation({ mutationFn: () => apiRequest(`${base}/restart`, { method: 'POST' }), onSuccess: done });
  const skip = useMutation({ mutationFn: () => apiRequest(`${base}/skip`, { method: 'POST', body: JSON.stringify({ reason: reason.trim() }) }), onSuccess: done });
  const skipWait = useMutation({ mutationFn: () => apiRequest(`${base}/skip-wait`, { method: 'POST' }), onSuccess: onChanged });
  const canRestart = isComplete(stage.status);
  const canSkipWait = stage.type === 'wait' && stage.status === 'RUNNING';
  const canSkip = stage.status === 'RUNNING' && manualSkipRefusal(stage) === undefined;
  if (!canRestart && !canSkipWait && !canSkip) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canRestart && (
        <Button size="sm" onClick={() => setDialog('restart')}>
          Restart stage
        </Button>
      )}
      {canSkipWait && (
        <Button size="sm" disabled={skipWait.isPending} onClick={() => skipWait.mutate()}>
          Skip remaining wait
        </Button>
      )}
      {canSkip && (
        <Button size="sm" variant="danger" onClick={() => setDialog('skip')}>
          Skip stage
        </Button>
      )}
      {skipWait.error && <Alert tone="danger">{skipWait.error.message}</Alert>}
      <ConfirmDialog
        open={dialog === 'restart'}
        onOpenChange={(open) => setDialog(open ? 'restart' : undefined)}
        title={`Restart ${stage.name}?`}
        description={`${stage.parentStageId ? 'Its top-level stage' : 'The stage'} and every stage downstream of it go back to "not started" and run again; their previous results are replaced. The error it ended with is kept in the restart details.`}
        confirmLabel="Restart stage"
        pending={restart.isPending}
        error={restart.error?.message}
        onConfirm={() => restart.mutate()}
      />
      <ConfirmDialog
        open={dialog === 'skip'}
        onOpenChange={(open) => setDialog(open ? 'skip' : undefined)}
        title={`Skip ${stage.name}?`}
        description="The stage stops (its cancel routine cleans up) and counts as skipped, so the stages after it start. Who skipped it and why is recorded on the stage and in the audit log."
        confirmLabel="Skip stage"
        danger
        pending={skip.isPending || reason.trim() === ''}
        error={skip.error?.message}
        onConfirm={() => skip.mutate()}
      >
        <TextAreaField label="Why skip it?" value={reason} required maxLength={1000} rows={3} onChange={(e) => setReason(e.target.value)} />
      </ConfirmDialog>
    </div>
  );
}
