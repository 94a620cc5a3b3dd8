'use client';

import { useMutation } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ApiError, apiFetch } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { pipelineViewSchema } from '@/lib/pipeline/api-schemas';
import { pipelinesPath } from './use-pipeline-api';

export function NewPipelineButton({ application, label = 'New pipeline' }: { application: string; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="New pipeline"
      description={`A pipeline of ${application}. It starts empty; add stages in the editor.`}
      trigger={
        <Button variant="primary">
          <Plus size={16} aria-hidden="true" />
          {label}
        </Button>
      }
    >
      {open && <NewPipelineForm application={application} onCancel={() => setOpen(false)} />}
    </Dialog>
  );
}

function NewPipelineForm({ application, onCancel }: { application: string; onCancel: () => void }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const create = useMutation({
    mutationFn: (pipelineName: string) =>
      apiFetch(`/api/v1/applications/${encodeURIComponent(application)}/pipelines`, pipelineViewSchema, {
        method: 'POST',
        body: JSON.stringify({ pipeline: { application, name: pipelineName, stages: [], triggers: [], limitConcurrent: true, keepWaitingPipelines: false } }),
      }),
    onSuccess: (view) => router.push(`${pipelinesPath(application)}/${encodeURIComponent(String(view.pipeline.id))}`),
    onError: (err) => setError(err instanceof ApiError && err.issues[0] ? `${err.issues[0].path}: ${err.issues[0].message}` : err.message),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('A pipeline needs a name.');
      return;
    }
    setError(undefined);
    create.mutate(name.trim());
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" hint="e.g. Deploy to production" error={error} />
      {create.isError && !error && <Alert tone="danger">{create.error.message}</Alert>}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create and edit'}
        </Button>
      </div>
    </form>
  );
}
