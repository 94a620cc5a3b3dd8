'use client';

import { useMutation } from '@tanstack/react-query';
import { Braces, FileCode, Pause, Play, RotateCcw, Square, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiFetch, apiRequest } from '@/components/api/client';
import { ConfirmDialog } from '@/components/pipelines/confirm-dialog';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/field';
import type { ExecutionDto, ExecutionSummary } from '@/lib/pipeline/execution';
import { JsonDialog } from './json-dialog';
import { isComplete } from '@/lib/pipeline/status';
import { executionApi, executionKey } from './use-live-execution';

export interface ExecutionActionsProps {
  execution: ExecutionSummary;
  canExecute: boolean;
  /** The pipeline config snapshot the execution ran, when the engine stored one. */
  sourceConfig: Record<string, unknown> | null;
  listHref: string;
  onChanged(): void;
}

/** The whole execution, stage contexts and all: the page holds stage summaries only. */
async function fetchFullExecution(id: string): Promise<ExecutionDto> {
  const { executionDtoSchema } = await import('@/lib/pipeline/execution');
  return apiFetch(executionApi(id), executionDtoSchema);
}

/** What the execution ran, rebuilt from its stages when it did not store its pipeline configuration. */
const configFromStages = (execution: ExecutionDto) => ({ trigger: execution.trigger, stages: execution.stages.filter((s) => s.parentStageId === null).map((s) => ({ refId: s.refId, type: s.type, name: s.name, requisiteStageRefIds: s.requisiteStageRefIds, ...s.context })) });

/** Execution-level actions; each is offered only to people the server would let do it. */
export function ExecutionActions({ execution, canExecute, sourceConfig, listHref, onChanged }: ExecutionActionsProps) {
  const router = useRouter();
  const [dialog, setDialog] = useState<'cancel' | 'delete' | undefined>(undefined);
  const [reason, setReason] = useState('');
  const url = executionApi(execution.id);
  const post = (path: string, body?: unknown) => apiRequest(`${url}/${path}`, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  const cancel = useMutation({ mutationFn: () => post('cancel', reason.trim() ? { reason: reason.trim() } : {}), onSuccess: () => (setDialog(undefined), onChanged()) });
  const pause = useMutation({ mutationFn: () => post('pause'), onSuccess: onChanged });
  const resume = useMutation({ mutationFn: () => post('resume'), onSuccess: onChanged });
  const remove = useMutation({ mutationFn: () => apiRequest(url, { method: 'DELETE' }), onSuccess: () => router.push(listHref) });
  const rerun = useMutation({
    mutationFn: async () => {
      const parameters = typeof execution.trigger.parameters === 'object' && execution.trigger.parameters !== null ? execution.trigger.parameters : {};
      const res = await apiRequest(`/api/v1/applications/${encodeURIComponent(execution.application)}/pipelines/${encodeURIComponent(execution.pipelineConfigId ?? '')}/executions`, { method: 'POST', body: JSON.stringify({ parameters, artifacts: [] }) });
      return ((await res.json()) as { id: string }).id;
    },
    onSuccess: (id) => router.push(`${listHref}/${encodeURIComponent(id)}`),
  });

  const finished = isComplete(execution.status);
  const error = [pause, resume, rerun].find((m) => m.error)?.error;
  const source = sourceConfig && Object.keys(sourceConfig).length > 0 ? sourceConfig : undefined;

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {canExecute && !finished && (
          <Button size="sm" variant="danger" onClick={() => setDialog('cancel')}>
            <Square size={14} aria-hidden="true" /> Cancel execution
          </Button>
        )}
        {canExecute && execution.status === 'RUNNING' && (
          <Button size="sm" disabled={pause.isPending} onClick={() => pause.mutate()}>
            <Pause size={14} aria-hidden="true" /> Pause
          </Button>
        )}
        {canExecute && execution.status === 'PAUSED' && (
          <Button size="sm" disabled={resume.isPending} onClick={() => resume.mutate()}>
            <Play size={14} aria-hidden="true" /> Resume
          </Button>
        )}
        {canExecute && execution.pipelineConfigId && (
          <Button size="sm" disabled={rerun.isPending} onClick={() => rerun.mutate()}>
            <RotateCcw size={14} aria-hidden="true" /> Re-run
          </Button>
        )}
        {canExecute && finished && (
          <Button size="sm" onClick={() => setDialog('delete')}>
            <Trash2 size={14} aria-hidden="true" /> Delete
          </Button>
        )}
        <JsonDialog
          title="Execution JSON"
          source={{ queryKey: [...executionKey(execution.id), 'full'], load: () => fetchFullExecution(execution.id) }}
          trigger={
            <Button size="sm">
              <Braces size={14} aria-hidden="true" /> View as JSON
            </Button>
          }
        />
        <JsonDialog
          title="Source config"
          note={source ? 'The pipeline configuration as it was when this execution started.' : 'This execution did not store its pipeline configuration; shown instead: its trigger and the configuration of each stage as it ran.'}
          source={source ? { value: source } : { queryKey: [...executionKey(execution.id), 'source-config'], load: async () => configFromStages(await fetchFullExecution(execution.id)) }}
          trigger={
            <Button size="sm">
              <FileCode size={14} aria-hidden="true" /> Source config
            </Button>
          }
        />
      </div>
      {error && <Alert tone="danger">{error.message}</Alert>}
      <ConfirmDialog
        open={dialog === 'cancel'}
        onOpenChange={(open) => setDialog(open ? 'cancel' : undefined)}
        title={`Cancel ${execution.name}?`}
        description="Running stages stop and their cancel routines clean up; stages that have not started will not run."
        confirmLabel="Cancel execution"
        danger
        pending={cancel.isPending}
        error={cancel.error?.message}
        onConfirm={() => cancel.mutate()}
      >
        <TextAreaField label="Reason (optional)" value={reason} maxLength={1000} rows={3} onChange={(e) => setReason(e.target.value)} />
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'delete'}
        onOpenChange={(open) => setDialog(open ? 'delete' : undefined)}
        title={`Delete this execution of ${execution.name}?`}
        description="The execution and its stage history are removed for everyone. This cannot be undone."
        confirmLabel="Delete execution"
        danger
        pending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => remove.mutate()}
      />
    </div>
  );
}
