'use client';

import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextAreaField, TextField } from '@/components/ui/field';
import { checkboxClass } from './control-styles';

interface DialogBase {
  open: boolean;
  onOpenChange(open: boolean): void;
  pending: boolean;
  error?: string;
}

export function RenameDialog({ open, onOpenChange, pending, error, current, onRename }: DialogBase & { current: string; onRename(name: string): void }) {
  const [name, setName] = useState(current);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && name.trim() !== current) onRename(name.trim());
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Rename pipeline" description="Triggers and pipeline stages that name this pipeline by id keep working.">
      <form onSubmit={submit} className="flex flex-col gap-4">
        <TextField label="New name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        {error && <Alert tone="danger">{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={pending || !name.trim() || name.trim() === current}>
            Rename
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function LockDialog({ open, onOpenChange, pending, error, onLock }: DialogBase & { onLock(lock: { description?: string; allowUnlockUi: boolean }): void }) {
  const [description, setDescription] = useState('');
  const [allowUnlockUi, setAllowUnlockUi] = useState(true);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onLock({ description: description.trim() || undefined, allowUnlockUi });
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Lock pipeline" description="A locked pipeline is read-only here and in the API until someone with write access unlocks it.">
      <form onSubmit={submit} className="flex flex-col gap-4">
        <TextAreaField label="Reason (shown to everyone)" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="e.g. Managed as code in git: edit the repository instead" />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className={checkboxClass} checked={allowUnlockUi} onChange={(e) => setAllowUnlockUi(e.target.checked)} />
          Allow unlocking from the UI
        </label>
        {error && <Alert tone="danger">{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={pending}>
            Lock pipeline
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
