'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ApiError, apiFetch, fieldErrors } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextAreaField, TextField } from '@/components/ui/field';
import { formatPath } from '@/lib/errors';
import { applicationDtoSchema, updateApplicationSchema, type ApplicationDto } from '@/lib/pipeline/application';

export function EditApplicationForm({ application, readOnlyReason }: { application: ApplicationDto; readOnlyReason?: string }) {
  const router = useRouter();
  const [description, setDescription] = useState(application.description);
  const [ownerEmail, setOwnerEmail] = useState(application.ownerEmail);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const dirty = description !== application.description || ownerEmail !== application.ownerEmail;

  const save = useMutation({
    mutationFn: (patch: { description: string; ownerEmail: string }) =>
      apiFetch(`/api/v1/applications/${encodeURIComponent(application.name)}`, applicationDtoSchema, { method: 'PATCH', body: JSON.stringify(patch) }),
    onSuccess: () => router.refresh(),
    onError: (err) => {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(fieldErrors(err.issues));
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = updateApplicationSchema.safeParse({ description, ownerEmail });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))));
      return;
    }
    setErrors({});
    save.mutate({ description, ownerEmail });
  };

  return (
    <Card className="p-5">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Edit application">
        <h2 className="text-sm font-semibold">Settings</h2>
        {readOnlyReason && <Alert tone="info">{readOnlyReason}</Alert>}
        <TextField label="Owner email" name="ownerEmail" type="email" value={ownerEmail} onChange={(e) => setOwnerEmail(e.target.value)} error={errors.ownerEmail} readOnly={Boolean(readOnlyReason)} />
        <TextAreaField label="Description" name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} readOnly={Boolean(readOnlyReason)} />
        {save.isError && !(save.error instanceof ApiError && save.error.issues.length > 0) && <Alert tone="danger">{save.error.message}</Alert>}
        {save.isSuccess && !dirty && <Alert tone="success">Saved.</Alert>}
        {!readOnlyReason && (
        <div className="flex justify-end gap-2">
          <Button
            disabled={!dirty || save.isPending}
            onClick={() => {
              setDescription(application.description);
              setOwnerEmail(application.ownerEmail);
              setErrors({});
            }}
          >
            Revert
          </Button>
          <Button type="submit" variant="primary" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save changes'}
          </Button>
        </div>
        )}
      </form>
    </Card>
  );
}
