'use client';

import { ChevronDown, History, Lock, Pencil, Power, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { DropdownMenu } from 'radix-ui';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from './confirm-dialog';
import { LockDialog, RenameDialog } from './lifecycle-dialogs';
import type { LifecycleChange } from './use-pipeline-api';

export interface PipelineActionsProps {
  name: string;
  isDisabled: boolean;
  isLocked: boolean;
  canWrite: boolean;
  /** Unsaved edits: lifecycle changes would make them stale, so they wait for Save or Revert. */
  isDirty: boolean;
  historyHref: string;
  pending: boolean;
  error?: string;
  /** Resolves once the server accepted the change (the dialog then closes); errors show in `error`. */
  onChange(change: LifecycleChange): Promise<unknown>;
  onDelete(): void;
  deleting: boolean;
  deleteError?: string;
}

type Open = 'rename' | 'lock' | 'delete' | undefined;

function Item({ icon, children, disabled, onSelect }: { icon: ReactNode; children: ReactNode; disabled?: boolean; onSelect?: () => void }) {
  return (
    <DropdownMenu.Item disabled={disabled} onSelect={onSelect} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[disabled]:cursor-not-allowed data-[highlighted]:bg-surface-2 data-[disabled]:opacity-50">
      {icon}
      {children}
    </DropdownMenu.Item>
  );
}

/** Deck's pipeline actions: rename, enable/disable, lock, history, delete. */
export function PipelineActionsMenu(props: PipelineActionsProps) {
  const [open, setOpen] = useState<Open>();
  const blocked = !props.canWrite || props.isDirty || props.isLocked;
  const dialog = (which: Open) => (value: boolean) => setOpen(value ? which : undefined);
  const apply = (change: LifecycleChange) => props.onChange(change).then(() => setOpen(undefined), () => undefined);
  return (
    <>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger asChild>
          <Button>
            Actions <ChevronDown size={14} aria-hidden="true" />
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="end" sideOffset={4} className="z-50 w-60 rounded-lg border border-line bg-surface p-1 shadow-xl">
            {props.isDirty && props.canWrite && <p className="px-2 py-1.5 text-xs text-muted">Save or revert your edits first.</p>}
            <Item icon={<Pencil size={14} aria-hidden="true" />} disabled={blocked} onSelect={() => setOpen('rename')}>
              Rename…
            </Item>
            <Item icon={<Power size={14} aria-hidden="true" />} disabled={blocked || props.pending} onSelect={() => void apply({ disabled: !props.isDisabled })}>
              {props.isDisabled ? 'Enable' : 'Disable'}
            </Item>
            {!props.isLocked && (
              <Item icon={<Lock size={14} aria-hidden="true" />} disabled={blocked} onSelect={() => setOpen('lock')}>
                Lock…
              </Item>
            )}
            <DropdownMenu.Item asChild className="flex items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-surface-2">
              <Link href={props.historyHref}>
                <History size={14} aria-hidden="true" /> Revision history
              </Link>
            </DropdownMenu.Item>
            <DropdownMenu.Separator className="my-1 h-px bg-line" />
            <Item icon={<Trash2 size={14} aria-hidden="true" className="text-danger" />} disabled={!props.canWrite || props.isLocked} onSelect={() => setOpen('delete')}>
              Delete…
            </Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {open === 'rename' && <RenameDialog open onOpenChange={dialog('rename')} pending={props.pending} error={props.error} current={props.name} onRename={(name) => void apply({ name })} />}
      {open === 'lock' && <LockDialog open onOpenChange={dialog('lock')} pending={props.pending} error={props.error} onLock={(locked) => void apply({ locked })} />}
      <ConfirmDialog
        open={open === 'delete'}
        onOpenChange={dialog('delete')}
        title={`Delete ${props.name}?`}
        description="The pipeline and its revision history are deleted. This cannot be undone."
        confirmLabel={props.deleting ? 'Deleting…' : 'Delete pipeline'}
        danger
        pending={props.deleting}
        error={props.deleteError}
        onConfirm={props.onDelete}
      />
    </>
  );
}
