'use client';

import { useMutation } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ApiError, apiFetch, fieldErrors } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { TextField } from '@/components/ui/field';
import { RelativeTime } from '@/components/ui/relative-time';

export interface TokenRow {
  id: string;
  name: string;
  owner: string;
  roles: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const tokenRowSchema = z.object({ id: z.string(), name: z.string(), owner: z.string(), roles: z.array(z.string()), createdAt: z.string(), expiresAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
const createdSchema = tokenRowSchema.extend({ token: z.string() });

export function TokenManager({ initial, myRoles, me, maxDays }: { initial: TokenRow[]; myRoles: string[]; me: string; maxDays: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string | undefined>(undefined);
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/tokens/${id}`, tokenRowSchema, { method: 'DELETE' }),
    onSuccess: () => router.refresh(),
  });
  return (
    <section aria-label="API tokens" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-sm text-muted">
          Tokens let CI systems and the <code>spin</code> CLI call Foresail as you, with some of your roles (never more than you hold at the time of each call). Send one as
          <code> Authorization: Bearer …</code> or as the password of HTTP Basic.
        </p>
        <Dialog
          open={open}
          onOpenChange={(next) => {
            setOpen(next);
            if (!next) setShown(undefined);
          }}
          title={shown ? 'Copy your token now' : 'New API token'}
          trigger={<Button variant="primary" disabled={myRoles.length === 0}>New token</Button>}
        >
          {shown ? <ShowOnce token={shown} onDone={() => setOpen(false)} /> : <CreateTokenForm myRoles={myRoles} maxDays={maxDays} onCreated={(token) => { setShown(token); router.refresh(); }} />}
        </Dialog>
      </div>
      {myRoles.length === 0 && <Alert tone="info">You hold no roles, so a token would grant nothing.</Alert>}
      {revoke.isError && <Alert tone="danger">{revoke.error.message}</Alert>}
      {initial.length === 0 ? (
        <EmptyState icon={<KeyRound size={28} />} title="No tokens yet">Create one for each system that calls Foresail, so each can be revoked on its own.</EmptyState>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">API tokens</caption>
            <thead className="border-b border-line text-xs uppercase tracking-wide text-muted">
              <tr>
                {['Name', 'Owner', 'Roles', 'Expires', 'Last used', ''].map((h, i) => (
                  <th key={i} scope="col" className="px-4 py-3 font-medium">{h || <span className="sr-only">Actions</span>}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {initial.map((t) => (
                <tr key={t.id} className="border-b border-line last:border-0">
                  <td className="px-4 py-3 font-medium">{t.name}<span className="ml-2 font-mono text-xs text-muted">fst_{t.id}_…</span></td>
                  <td className="px-4 py-3">{t.owner}</td>
                  <td className="px-4 py-3 font-mono text-xs">{t.roles.join(', ')}</td>
                  <td className="px-4 py-3"><RelativeTime iso={t.expiresAt} /></td>
                  <td className="px-4 py-3">{t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : 'never'}</td>
                  <td className="px-4 py-3 text-right">
                    {t.revokedAt ? (
                      <span className="text-muted">revoked</span>
                    ) : (
                      <Button size="sm" variant="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate(t.id)} aria-label={`Revoke ${t.name}${t.owner !== me ? ` of ${t.owner}` : ''}`}>
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </section>
  );
}

function CreateTokenForm({ myRoles, maxDays, onCreated }: { myRoles: string[]; maxDays: number; onCreated: (token: string) => void }) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>(myRoles);
  const [days, setDays] = useState(String(Math.min(90, maxDays)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: () => apiFetch('/api/v1/tokens', createdSchema, { method: 'POST', body: JSON.stringify({ name, roles, expiresInDays: Number(days) }) }),
    onSuccess: (created) => onCreated(created.token),
    onError: (err) => {
      if (err instanceof ApiError) setErrors(fieldErrors(err.issues));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    create.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} hint="What uses it, e.g. ci-deploy" />
      <fieldset className="flex flex-col gap-1.5">
        <legend className="text-sm font-medium">Roles it holds</legend>
        {myRoles.map((role) => (
          <label key={role} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={roles.includes(role)} onChange={(e) => setRoles((r) => (e.target.checked ? [...r, role] : r.filter((x) => x !== role)))} />
            <span className="font-mono text-xs">{role}</span>
          </label>
        ))}
        {errors.roles && <p className="text-xs text-danger" role="alert">{errors.roles}</p>}
      </fieldset>
      <TextField label="Expires in (days)" name="expiresInDays" type="number" min={1} max={maxDays} value={days} onChange={(e) => setDays(e.target.value)} error={errors.expiresInDays} />
      {create.isError && !(create.error instanceof ApiError && create.error.issues.length > 0) && <Alert tone="danger">{create.error.message}</Alert>}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create token'}</Button>
      </div>
    </form>
  );
}

function ShowOnce({ token, onDone }: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <Alert tone="warning">This is the only time the token is shown. Foresail keeps only a hash of it.</Alert>
      <label className="text-sm font-medium" htmlFor="new-token">Token</label>
      <input id="new-token" readOnly value={token} className="w-full rounded-md border border-line bg-surface-2 px-3 py-2 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
      <div className="flex justify-end gap-2">
        <Button onClick={() => void navigator.clipboard?.writeText(token).then(() => setCopied(true))}>{copied ? 'Copied' : 'Copy'}</Button>
        <Button variant="primary" onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
