'use client';

import { Lock, LockOpen } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** A locked pipeline: why, and (for those who may) the way out. */
export function LockBanner({ description, canUnlock, allowUnlockUi, pending, error, onUnlock }: { description?: string; canUnlock: boolean; allowUnlockUi: boolean; pending: boolean; error?: string; onUnlock(): void }) {
  return (
    <div role="status" className="flex flex-wrap items-center gap-3 rounded-lg border border-warning/40 bg-warning-bg px-4 py-3 text-sm">
      <Lock size={18} className="shrink-0 text-warning" aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-fg">This pipeline is locked and read-only.</p>
        <p className="text-muted">{description || 'No reason was given.'}</p>
        {error && <p className="mt-1 text-danger">{error}</p>}
      </div>
      {canUnlock && allowUnlockUi && (
        <Button size="sm" onClick={onUnlock} disabled={pending}>
          <LockOpen size={14} aria-hidden="true" /> {pending ? 'Unlocking…' : 'Unlock'}
        </Button>
      )}
      {canUnlock && !allowUnlockUi && <p className="text-xs text-muted">Unlocking from the UI is not allowed; use the API.</p>}
    </div>
  );
}
