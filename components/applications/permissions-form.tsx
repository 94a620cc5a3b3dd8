'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ApiError, apiFetch, fieldErrors } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { applicationDtoSchema, type ApplicationDto, type ApplicationPermissions } from '@/lib/pipeline/application';

const levels = [
  { key: 'READ', label: 'Read (see pipelines and executions)' },
  { key: 'WRITE', label: 'Write (edit pipelines and canary configs)' },
  { key: 'EXECUTE', label: 'Execute (trigger, cancel, restart, judge)' },
] as const;

const split = (text: string) => [...new Set(text.split(',').map((r) => r.trim()).filter(Boolean))];

/** Administrators only: which roles may read, write and execute this application. */
export function PermissionsForm({ application }: { application: ApplicationDto }) {
  const router = useRouter();
  const [text, setText] = useState(() => Object.fromEntries(levels.map(({ key }) => [key, application.permissions[key].join(', ')])) as Record<keyof ApplicationPermissions, string>);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (permissions: ApplicationPermissions) =>
      apiFetch(`/api/v1/applications/${encodeURIComponent(application.name)}`, applicationDtoSchema, { method: 'PATCH', body: JSON.stringify({ permissions }) }),
    onSuccess: () => router.refresh(),
    onError: (err) => {
      if (err instanceof ApiError) setErrors(fieldErrors(err.issues.map((i) => ({ ...i, path: i.path.replace(/^permissions\./, '') }))));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    save.mutate({ READ: split(text.READ), WRITE: split(text.WRITE), EXECUTE: split(text.EXECUTE) });
  };
  return (
    <Card className="p-5">
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Permissions">
        <div>
          <h2 className="text-sm font-semibold">Permissions</h2>
          <p className="mt-1 text-xs text-muted">Comma-separated role names (LDAP groups). Empty everywhere means administrators only.</p>
        </div>
        {levels.map(({ key, label }) => (
          <TextField key={key} label={label} name={key} value={text[key]} onChange={(e) => setText((t) => ({ ...t, [key]: e.target.value }))} error={errors[key]} />
        ))}
        {save.isError && !(save.error instanceof ApiError && save.error.issues.length > 0) && <Alert tone="danger">{save.error.message}</Alert>}
        {save.isSuccess && <Alert tone="success">Permissions saved.</Alert>}
        <div className="flex justify-end">
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save permissions'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
