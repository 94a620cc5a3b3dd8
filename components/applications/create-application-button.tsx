'use client';

import { useMutation } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ApiError, apiFetch, fieldErrors } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextAreaField, TextField } from '@/components/ui/field';
import { formatPath } from '@/lib/errors';
import { applicationDtoSchema, createApplicationSchema, type CreateApplicationInput } from '@/lib/pipeline/application';

export function CreateApplicationButton({ label = 'New application' }: { label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="New application"
      description="Names are permanent: lowercase letters, digits and dashes."
      trigger={
        <Button variant="primary">
          <Plus size={16} aria-hidden="true" />
          {label}
        </Button>
      }
    >
      {open && <CreateApplicationForm onCancel={() => setOpen(false)} />}
    </Dialog>
  );
}

function CreateApplicationForm({ onCancel }: { onCancel: () => void }) {
  const router = useRouter();
  const [values, setValues] = useState<Required<Pick<CreateApplicationInput, 'name' | 'ownerEmail' | 'description'>>>({ name: '', ownerEmail: '', description: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const create = useMutation({
    mutationFn: (input: CreateApplicationInput) =>
      apiFetch('/api/v1/applications', applicationDtoSchema, { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: (app) => {
      router.push(`/applications/${app.name}`);
      router.refresh();
    },
    onError: (err) => {
      if (err instanceof ApiError && err.issues.length > 0) setErrors(fieldErrors(err.issues));
      else if (err instanceof ApiError && err.status === 409) setErrors({ name: err.message });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createApplicationSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }))));
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  };

  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const generalError = create.error && !(create.error instanceof ApiError && (create.error.issues.length > 0 || create.error.status === 409)) ? create.error.message : undefined;

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextField label="Name" name="name" value={values.name} onChange={set('name')} error={errors.name} hint="e.g. checkout-service" autoComplete="off" />
      <TextField label="Owner email" name="ownerEmail" type="email" value={values.ownerEmail} onChange={set('ownerEmail')} error={errors.ownerEmail} autoComplete="email" />
      <TextAreaField label="Description" name="description" value={values.description} onChange={set('description')} error={errors.description} />
      {generalError && <Alert tone="danger">{generalError}</Alert>}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create application'}
        </Button>
      </div>
    </form>
  );
}
