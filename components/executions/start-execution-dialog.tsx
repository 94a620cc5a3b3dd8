'use client';

import { useMutation } from '@tanstack/react-query';
import { Play } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ApiError, apiFetch } from '@/components/api/client';
import { monoAreaClass, textInputClass } from '@/components/pipelines/control-styles';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ParameterField } from './parameter-field';
import { RunningExecutions } from './running-executions';
import { missingRequired, parseArtifacts, type StartParameter } from './start-parameters';

export interface StartablePipeline {
  id: string;
  name: string;
  application: string;
  parameters: StartParameter[];
}

const startedSchema = z.object({ id: z.string(), status: z.string() });

/** Server issues (`parameters.env`, `artifacts[0].type`) → the field they belong to. */
function splitIssues(issues: { path: string; message: string }[]): { fields: Record<string, string>; artifacts?: string; rest: string[] } {
  const fields: Record<string, string> = {};
  let artifacts: string | undefined;
  const rest: string[] = [];
  for (const issue of issues) {
    const param = /^parameters\.(.+)$/.exec(issue.path)?.[1];
    if (param) fields[param] ??= issue.message;
    else if (issue.path.startsWith('artifacts')) artifacts ??= issue.message;
    else rest.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return { fields, artifacts, rest };
}

function StartForm({ pipeline, onCancel }: { pipeline: StartablePipeline; onCancel: () => void }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(pipeline.parameters.map((p) => [p.name, p.defaultValue])));
  const [artifactsText, setArtifactsText] = useState('');
  const [errors, setErrors] = useState<{ fields: Record<string, string>; artifacts?: string; general?: string }>({ fields: {} });
  const start = useMutation({
    mutationFn: (body: { parameters: Record<string, string>; artifacts: Record<string, unknown>[] }) =>
      apiFetch(`/api/v1/applications/${encodeURIComponent(pipeline.application)}/pipelines/${encodeURIComponent(pipeline.id)}/executions`, startedSchema, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: (started) => router.push(`/applications/${encodeURIComponent(pipeline.application)}/executions/${encodeURIComponent(started.id)}`),
    onError: (err) => {
      if (!(err instanceof ApiError)) return setErrors({ fields: {}, general: err.message });
      const split = splitIssues(err.issues);
      const placed = Object.keys(split.fields).length > 0 || split.artifacts !== undefined;
      setErrors({ fields: split.fields, artifacts: split.artifacts, general: split.rest.length ? split.rest.join('; ') : placed ? undefined : err.message });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const artifacts = parseArtifacts(artifactsText);
    const fields = missingRequired(pipeline.parameters, values);
    if (!artifacts.ok || Object.keys(fields).length > 0) return setErrors({ fields, artifacts: artifacts.ok ? undefined : artifacts.error });
    setErrors({ fields: {} });
    // Only declared parameters are sent, and empty optional ones are left to the pipeline's defaults.
    const parameters = Object.fromEntries(pipeline.parameters.flatMap((p) => (values[p.name] ? [[p.name, values[p.name] ?? '']] : [])));
    start.mutate({ parameters, artifacts: artifacts.artifacts });
  };

  return (
    <form onSubmit={submit} noValidate className="flex max-h-[70vh] flex-col gap-4 overflow-y-auto pr-1">
      <RunningExecutions application={pipeline.application} pipelineId={pipeline.id} />
      {pipeline.parameters.length > 0 ? (
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-2 text-sm font-semibold">Parameters</legend>
          {pipeline.parameters.map((p) => (
            <ParameterField key={p.name} parameter={p} value={values[p.name] ?? ''} error={errors.fields[p.name]} onChange={(value) => setValues((v) => ({ ...v, [p.name]: value }))} />
          ))}
        </fieldset>
      ) : (
        <p className="text-sm text-muted">This pipeline takes no parameters.</p>
      )}
      <details className="text-sm" open={errors.artifacts !== undefined || undefined}>
        <summary className="cursor-pointer font-medium">Artifacts (optional)</summary>
        <div className="mt-2 flex flex-col gap-1">
          <label htmlFor="start-artifacts" className="text-xs text-muted">
            A JSON list of artifacts, e.g. {'[{"type": "docker/image", "name": "shop/web", "reference": "shop/web:1.2"}]'}
          </label>
          <textarea id="start-artifacts" value={artifactsText} onChange={(e) => setArtifactsText(e.target.value)} aria-invalid={errors.artifacts ? true : undefined} aria-describedby={errors.artifacts ? 'start-artifacts-error' : undefined} className={monoAreaClass} aria-label="Artifacts (JSON)" />
          {errors.artifacts && (
            <p id="start-artifacts-error" role="alert" className="text-xs text-danger">
              {errors.artifacts}
            </p>
          )}
        </div>
      </details>
      {errors.general && <Alert tone="danger">{errors.general}</Alert>}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={start.isPending || start.isSuccess}>
          <Play size={14} aria-hidden="true" />
          {start.isPending || start.isSuccess ? 'Starting…' : 'Start'}
        </Button>
      </div>
    </form>
  );
}

/**
 * "Start": a modal with the pipeline's running executions, parameters and artifacts. Given several
 * pipelines (the page-level action), it asks which one first.
 */
export function StartExecutionButton({ pipelines, label = 'Start', size = 'sm' }: { pipelines: StartablePipeline[]; label?: string; size?: 'sm' | 'md' }) {
  const [open, setOpen] = useState(false);
  const [chosenId, setChosenId] = useState(pipelines[0]?.id ?? '');
  const pipeline = pipelines.find((p) => p.id === chosenId) ?? pipelines[0];
  if (!pipeline) return null;
  const single = pipelines.length === 1;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={single ? `Start ${pipeline.name}` : 'Start a pipeline'}
      description="Starts a manual execution with these parameters."
      trigger={
        <Button size={size} variant={single ? 'secondary' : 'primary'} aria-label={single && label === 'Start' ? `Start ${pipeline.name}` : undefined}>
          <Play size={14} aria-hidden="true" />
          {label}
        </Button>
      }
    >
      {!single && (
        <label className="mb-4 flex flex-col gap-1 text-sm font-medium">
          Pipeline
          <select value={pipeline.id} onChange={(e) => setChosenId(e.target.value)} className={textInputClass}>
            {pipelines.map((p) => (
              <option key={`${p.application}/${p.id}`} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {open && <StartForm key={pipeline.id} pipeline={pipeline} onCancel={() => setOpen(false)} />}
    </Dialog>
  );
}
