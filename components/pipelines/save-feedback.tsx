'use client';

import { RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { ApiError } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from './confirm-dialog';

/**
 * What a failed save means: someone else saved (409, with who and when: reload, after a confirm,
 * never overwrite), the server found problems (422, listed), or refused (403, locked or no access).
 */
export function SaveFeedback({ error, savedVersion, warnings, reloading, onReload }: { error: Error | null; savedVersion?: number; warnings: { path: string; message: string }[]; reloading: boolean; onReload(): void }) {
  const [confirming, setConfirming] = useState(false);
  if (error instanceof ApiError && error.status === 409) {
    return (
      <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg border border-danger/40 bg-danger-bg px-4 py-3 text-sm text-danger">
        <p className="min-w-0 flex-1">
          <span className="font-medium">Not saved. </span>
          {error.message}
        </p>
        <Button size="sm" onClick={() => setConfirming(true)} disabled={reloading}>
          <RotateCcw size={14} aria-hidden="true" /> Reload
        </Button>
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title="Reload the pipeline?"
          description="Your unsaved edits are discarded and the latest saved version is loaded."
          confirmLabel={reloading ? 'Reloading…' : 'Discard my edits and reload'}
          danger
          pending={reloading}
          onConfirm={() => {
            onReload();
            setConfirming(false);
          }}
        />
      </div>
    );
  }
  if (error) {
    const issues = error instanceof ApiError ? error.issues : [];
    return (
      <Alert tone="danger">
        <span className="font-medium">Not saved. </span>
        {error.message}
        {issues.length > 1 && (
          <ul className="mt-1 list-disc pl-5">
            {issues.map((issue, i) => (
              <li key={i}>
                <code className="font-mono text-xs">{issue.path}</code> {issue.message}
              </li>
            ))}
          </ul>
        )}
      </Alert>
    );
  }
  if (savedVersion === undefined) return null;
  return (
    <Alert tone="success">
      Saved as version {savedVersion}.
      {warnings.length > 0 && ` The server noted ${warnings.length} warning${warnings.length === 1 ? '' : 's'}: ${warnings.map((w) => `${w.path} ${w.message}`).join('; ')}.`}
    </Alert>
  );
}
