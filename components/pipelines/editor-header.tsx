'use client';

import { Save, Undo2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/relative-time';
import { ConfirmDialog } from './confirm-dialog';
import { PipelineBadges } from './pipeline-badges';

export interface EditorHeaderProps {
  name: string;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  isDisabled: boolean;
  isLocked: boolean;
  isDirty: boolean;
  readOnly: boolean;
  /** Why Save is unavailable right now (errors, text that does not parse…), shown beside it. */
  blockedReason?: string;
  saving: boolean;
  onSave(): void;
  onRevert(): void;
  actions: ReactNode;
}

export function EditorHeader(props: EditorHeaderProps) {
  const [confirmRevert, setConfirmRevert] = useState(false);
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{props.name}</h1>
          <PipelineBadges disabled={props.isDisabled} locked={props.isLocked} />
        </div>
        <p className="mt-1 text-sm text-muted">
          Version {props.version} · saved by {props.updatedBy ?? 'someone'} <RelativeTime iso={props.updatedAt} />
        </p>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2">
        {!props.readOnly && (
          <>
            <span role="status" className={cn('flex items-center gap-1.5 text-sm', props.isDirty ? 'text-warning' : 'text-muted')}>
              <span aria-hidden="true" className={cn('size-2 rounded-full', props.isDirty ? 'bg-warning' : 'bg-line')} />
              {props.isDirty ? 'Unsaved changes' : 'No unsaved changes'}
            </span>
            {props.isDirty && props.blockedReason && <span className="text-sm text-danger">{props.blockedReason}</span>}
            <Button disabled={!props.isDirty || props.saving} onClick={() => setConfirmRevert(true)}>
              <Undo2 size={15} aria-hidden="true" /> Revert
            </Button>
            <Button variant="primary" disabled={!props.isDirty || props.saving || Boolean(props.blockedReason)} onClick={props.onSave}>
              <Save size={15} aria-hidden="true" /> {props.saving ? 'Saving…' : 'Save'}
            </Button>
          </>
        )}
        {props.actions}
      </div>
      <ConfirmDialog
        open={confirmRevert}
        onOpenChange={setConfirmRevert}
        title="Revert your edits?"
        description={`Your unsaved edits are discarded and version ${props.version} is shown again.`}
        confirmLabel="Discard edits"
        danger
        onConfirm={() => {
          props.onRevert();
          setConfirmRevert(false);
        }}
      />
    </div>
  );
}
