'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { apiFetch } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { importReportSchema, type ImportReport } from '@/lib/pipeline/api-schemas';
import { monoAreaClass } from './control-styles';
import { forApplication } from './import-input';
import { ImportReportTable } from './import-report-table';
import { parseAnyText } from './text-document';

/** Paste or choose a file → dry-run report per pipeline → import the valid ones → the result. */
export function ImportForm({ application, onDone }: { application: string; onDone: () => void }) {
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [input, setInput] = useState<unknown>();
  const run = useMutation({
    mutationFn: (body: { input: unknown; dryRun: boolean }) => apiFetch(`/api/v1/applications/${encodeURIComponent(application)}/pipelines/import`, importReportSchema, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: (report) => !report.dryRun && router.refresh(),
  });
  const report: ImportReport | undefined = run.data;
  const valid = report?.items.filter((i) => i.outcome === 'create' || i.outcome === 'update').length ?? 0;

  const check = () => {
    const parsed = parseAnyText(text);
    if (parsed.problem) {
      setProblem(`Line ${parsed.problem.line}, column ${parsed.problem.column}: ${parsed.problem.message}`);
      return;
    }
    setProblem(undefined);
    const value = forApplication(parsed.value, application);
    setInput(value);
    run.mutate({ input: value, dryRun: true });
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    run.reset();
  };

  if (report && !report.dryRun) {
    return (
      <div className="flex flex-col gap-4">
        <ImportReportTable report={report} />
        <div className="flex justify-end">
          <Button variant="primary" onClick={onDone}>
            Done
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {!report && (
        <>
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${id}-text`} className="text-sm font-medium">
              Pipeline JSON or YAML
            </label>
            <textarea id={`${id}-text`} rows={10} spellCheck={false} className={monoAreaClass} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={problem ? true : undefined} />
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${id}-file`} className="text-sm font-medium">
              Or choose a file
            </label>
            <input id={`${id}-file`} type="file" accept=".json,.yaml,.yml,application/json" className="text-sm file:mr-3 file:rounded-md file:border file:border-line file:bg-surface file:px-3 file:py-1.5 file:text-sm" onChange={(e) => void readFile(e.target.files?.[0])} />
          </div>
        </>
      )}
      {problem && <Alert tone="danger">{problem}</Alert>}
      {run.isError && <Alert tone="danger">{run.error.message}</Alert>}
      {report && (
        <>
          <p className="text-sm text-muted">
            {report.items.length} pipeline{report.items.length === 1 ? '' : 's'} checked: {valid} can be imported{report.items.length > valid ? `, ${report.items.length - valid} cannot` : ''}.
          </p>
          <ImportReportTable report={report} />
        </>
      )}
      <div className="flex justify-end gap-2">
        {report ? (
          <>
            <Button onClick={() => run.reset()}>Back</Button>
            <Button variant="primary" disabled={valid === 0 || run.isPending} onClick={() => run.mutate({ input, dryRun: false })}>
              {run.isPending ? 'Importing…' : `Import ${valid} valid pipeline${valid === 1 ? '' : 's'}`}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onDone}>Cancel</Button>
            <Button variant="primary" disabled={!text.trim() || run.isPending} onClick={check}>
              {run.isPending ? 'Checking…' : 'Check'}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
