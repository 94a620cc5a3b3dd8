'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '@/components/api/client';
import { ConfirmDialog } from '@/components/pipelines/confirm-dialog';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { StageDto } from '@/lib/pipeline/execution';
import { isFinished } from './permissions';

/** Restart (confirmed: it resets downstream stages too) and skip-remaining-wait, for people with EXECUTE. */
export function StageActions({ executionId, stage, onChanged }: { executionId: string; stage: StageDto; onChanged(): void }) {
  const [confirming, setConfirming] = useState(false);
  const base = `/api/v1/executions/${encodeURIComponent(executionId)}/stages/${encodeURIComponent(stage.id)}`;
  const restart = useMutation({
    mutationFn: () => apiRequest(`${base}/restart`, { method: 'POST' }),
    onSuccess: () => {
      setConfirming(false);
      onChanged();
    },
  });
  const skipWait = useMutation({ mutationFn: () => apiRequest(`${base}/skip-wait`, { method: 'POST' }), onSuccess: onChanged });
  const canRestart = isFinished(stage.status);
  const canSkipWait = stage.type === 'wait' && stage.status === 'RUNNING';
  if (!canRestart && !canSkipWait) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canRestart && (
        <Button size="sm" onClick={() => setConfirming(true)}>
          Restart stage
        </Button>
      )}
      {canSkipWait && (
        <Button size="sm" disabled={skipWait.isPending} onClick={() => skipWait.mutate()}>
          Skip remaining wait
        </Button>
      )}
      {skipWait.error && <Alert tone="danger">{skipWait.error.message}</Alert>}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Restart ${stage.name}?`}
        description={`${stage.parentStageId ? 'Its top-level stage' : 'The stage'} and every stage downstream of it go back to "not started" and run again; their previous results are replaced. The error it ended with is kept in the restart details.`}
        confirmLabel="Restart stage"
        pending={restart.isPending}
        error={restart.error?.message}
        onConfirm={() => restart.mutate()}
      />
    </div>
  );
}
