'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError } from '@/components/api/client';
import { ConfirmDialog } from '@/components/pipelines/confirm-dialog';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { TextAreaField, TextField } from '@/components/ui/field';
import { storedCanaryConfigSchema } from '@/lib/canary/stats/config-rules';
import { formatPath, type FieldIssue } from '@/lib/errors';
import { createCanaryConfig, deleteCanaryConfig, saveCanaryConfig } from './canary-config-requests';
import type { ConfigDocument } from './config-edits';
import { AaCheckPanel } from './aa-check-panel';
import { JsonPanel } from './json-panel';
import { MetricList } from './metric-list';
import { ScoringPanel } from './scoring-panel';

export interface CanaryConfigEditorProps {
  application: string;
  /** Undefined for a new config. */
  id?: string;
  version?: number;
  initial: ConfigDocument;
  canWrite: boolean;
}

function issuesOf(doc: ConfigDocument): FieldIssue[] {
  const parsed = storedCanaryConfigSchema.safeParse(doc);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** The canary config editor (deck-kayenta's layout): name, metrics by group, scoring, JSON; WRITE saves. */
export function CanaryConfigEditor({ application, id, version, initial, canWrite }: CanaryConfigEditorProps) {
  const router = useRouter();
  const [doc, setDoc] = useState(initial);
  // What the server holds, for the JSON diff; a new config has nothing saved yet.
  const [savedDoc, setSavedDoc] = useState(id ? initial : undefined);
  const [current, setCurrent] = useState(version ?? 0);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const issues = issuesOf(doc);
  const change = (next: ConfigDocument) => {
    setDoc(next);
    setSaved(false);
  };

  const save = useMutation({
    mutationFn: () => (id ? saveCanaryConfig(application, id, doc, current) : createCanaryConfig(application, doc)),
    onSuccess: (view) => {
      setSaved(true);
      setCurrent(view.version);
      setDoc(view.config as ConfigDocument);
      setSavedDoc(view.config as ConfigDocument);
      if (!id) router.replace(`/applications/${encodeURIComponent(application)}/canary-configs/${encodeURIComponent(String(view.config.id))}`);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteCanaryConfig(application, id ?? ''),
    onSuccess: () => {
      router.push(`/applications/${encodeURIComponent(application)}/canary-configs`);
      router.refresh();
    },
  });
  const serverIssues = save.error instanceof ApiError ? save.error.issues : [];

  return (
    <div className="flex flex-col gap-4">
      {!canWrite && <Alert tone="info">Read only: changing canary configs of {application} needs write access.</Alert>}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="tablist" aria-label="Editor view" className="flex gap-1">
          {(['form', 'json'] as const).map((m) => (
            <button key={m} type="button" role="tab" aria-selected={mode === m} onClick={() => setMode(m)} className={cn('rounded-md px-3 py-1.5 text-sm', mode === m ? 'bg-surface-2 font-medium' : 'text-muted hover:text-fg')}>
              {m === 'form' ? 'Editor' : 'JSON'}
            </button>
          ))}
        </div>
        {canWrite && (
          <div className="flex gap-2">
            {id && <Button variant="danger" onClick={() => setConfirmDelete(true)}>Delete</Button>}
            <Button variant="primary" disabled={issues.length > 0 || save.isPending} onClick={() => save.mutate()}>
              {save.isPending ? 'Saving…' : 'Save'}
            </Button>
          </div>
        )}
      </div>
      {saved && <Alert tone="success">Saved version {current}.</Alert>}
      {save.isError && (
        <Alert tone="danger">
          Not saved: {save.error.message}
          {serverIssues.length > 0 && <ul className="mt-1 list-disc pl-5">{serverIssues.map((i) => <li key={`${i.path}${i.message}`}>{i.path}: {i.message}</li>)}</ul>}
        </Alert>
      )}
      {canWrite && issues.length > 0 && (
        <div aria-label="Problems to fix before saving" className="rounded-md border border-warning/40 bg-warning-bg px-3 py-2 text-sm text-warning">
          <p className="font-medium">Fix before saving:</p>
          <ul className="list-disc pl-5">{issues.map((i) => <li key={`${i.path}${i.message}`}>{i.path ? `${i.path}: ` : ''}{i.message}</li>)}</ul>
        </div>
      )}
      {mode === 'json' ? (
        <Card className="p-4">
          <JsonPanel doc={doc} saved={savedDoc} canWrite={canWrite} onApply={(next) => { change(next); setMode('form'); }} />
        </Card>
      ) : (
        <>
          <Card className="flex flex-col gap-3 p-4">
            <TextField label="Name" hint="letters, digits, - and _" readOnly={!canWrite} value={doc.name ?? ''} onChange={(e) => change({ ...doc, name: e.target.value })} />
            <TextAreaField label="Description" readOnly={!canWrite} value={doc.description ?? ''} onChange={(e) => change({ ...doc, description: e.target.value })} />
          </Card>
          <Card className="p-4">
            <MetricList doc={doc} onChange={change} canWrite={canWrite} />
          </Card>
          <Card className="p-4">
            <ScoringPanel doc={doc} onChange={change} canWrite={canWrite} />
          </Card>
          {doc.metrics.length > 0 && (
            <Card className="p-4">
              <AaCheckPanel application={application} doc={doc} />
            </Card>
          )}
        </>
      )}
      {id && (
        <ConfirmDialog
          open={confirmDelete}
          onOpenChange={setConfirmDelete}
          title={`Delete canary config ${doc.name ?? ''}?`}
          description="Pipelines whose canary stages use it will fail to start their analysis."
          confirmLabel="Delete"
          danger
          pending={remove.isPending}
          error={remove.error?.message}
          onConfirm={() => remove.mutate()}
        />
      )}
    </div>
  );
}
