'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { RotateCcw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { z } from 'zod';
import { apiFetch } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/relative-time';
import { pipelineViewSchema, revisionDetailSchema, type revisionSummarySchema } from '@/lib/pipeline/api-schemas';
import { ConfirmDialog } from './confirm-dialog';
import { RevisionDiff } from './revision-diff';
import { pipelineApi } from './use-pipeline-api';

type RevisionSummary = z.infer<typeof revisionSummarySchema>;

export interface RevisionHistoryProps {
  application: string;
  pipelineId: string;
  currentVersion: number;
  revisions: RevisionSummary[];
  /** Why restoring is not possible, if it is not. */
  restoreBlocked?: string;
}

function useRevision(url: string, version: number) {
  return useQuery({
    queryKey: ['pipeline-revision', url, version],
    queryFn: () => apiFetch(`${url}/revisions/${version}`, revisionDetailSchema),
    enabled: version >= 1,
    staleTime: Infinity, // revisions never change
  });
}

/** Versions newest first; the selected one's changes (against the one before it, or against now) and Restore. */
export function RevisionHistory({ application, pipelineId, currentVersion, revisions, restoreBlocked }: RevisionHistoryProps) {
  const router = useRouter();
  const url = pipelineApi(application, pipelineId);
  const [version, setVersion] = useState(currentVersion);
  const [against, setAgainst] = useState<'previous' | 'current'>('previous');
  const [confirming, setConfirming] = useState(false);
  const selected = useRevision(url, version);
  const other = useRevision(url, against === 'previous' ? version - 1 : currentVersion);
  const restore = useMutation({
    mutationFn: () => apiFetch(`${url}/revisions/${version}/restore`, pipelineViewSchema, { method: 'POST', body: JSON.stringify({ expectedVersion: currentVersion }) }),
    onSuccess: (view) => {
      setConfirming(false);
      setVersion(view.version);
      router.refresh();
    },
  });
  const before = against === 'previous' ? (version === 1 ? {} : other.data?.config) : other.data?.config;
  const after = selected.data?.config;
  const loading = selected.isPending || (against === 'current' || version > 1 ? other.isPending : false);

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <Card className="p-1">
        <ul aria-label="Revisions" className="flex max-h-[40rem] flex-col overflow-y-auto">
          {revisions.map((r) => (
            <li key={r.version}>
              <button type="button" aria-pressed={r.version === version} onClick={() => setVersion(r.version)} className={cn('flex w-full flex-col rounded px-3 py-2 text-left text-sm', r.version === version ? 'bg-accent/10 ring-1 ring-accent/40' : 'hover:bg-surface-2')}>
                <span className="font-medium">
                  Version {r.version}
                  {r.version === currentVersion && <span className="ml-2 text-xs font-normal text-muted">(current)</span>}
                </span>
                <span className="text-xs text-muted">
                  {r.action} by {r.createdBy ?? 'someone'}, <RelativeTime iso={r.createdAt} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      </Card>
      <Card className="flex min-w-0 flex-col gap-4 p-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-base font-semibold">Version {version}</h2>
          <div className="flex flex-wrap items-center gap-2">
            <div role="radiogroup" aria-label="Compare" className="inline-flex rounded-md border border-line p-0.5 text-xs">
              {(['previous', 'current'] as const).map((a) => (
                <button key={a} type="button" role="radio" aria-checked={against === a} onClick={() => setAgainst(a)} className={cn('rounded px-2.5 py-1 font-medium', against === a ? 'bg-accent text-accent-fg' : 'text-muted hover:text-fg')}>
                  {a === 'previous' ? 'Changes in this version' : 'Compared with current'}
                </button>
              ))}
            </div>
            {version !== currentVersion && (
              <Button size="sm" variant="primary" disabled={Boolean(restoreBlocked) || restore.isPending} title={restoreBlocked} onClick={() => setConfirming(true)}>
                <RotateCcw size={14} aria-hidden="true" /> Restore this version
              </Button>
            )}
          </div>
        </div>
        {restoreBlocked && version !== currentVersion && <p className="text-xs text-muted">{restoreBlocked}</p>}
        {restore.isSuccess && <Alert tone="success">Restored: it is now version {restore.data.version}.</Alert>}
        {(selected.error ?? other.error) && <Alert tone="danger">{(selected.error ?? other.error)?.message}</Alert>}
        {loading ? (
          <p className="text-sm text-muted">Loading…</p>
        ) : (
          <RevisionDiff
            before={before}
            after={after}
            label={against === 'previous' ? `Changes made in version ${version}` : `What restoring version ${version} would change in version ${currentVersion}`}
          />
        )}
        {against === 'current' && <p className="text-xs text-muted">Shows what restoring version {version} would change: − is the current version, + is version {version}.</p>}
      </Card>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Restore version ${version}?`}
        description={`Its configuration is saved as version ${currentVersion + 1}. Nothing is lost: version ${currentVersion} stays in the history.`}
        confirmLabel={restore.isPending ? 'Restoring…' : `Restore version ${version}`}
        pending={restore.isPending}
        error={restore.error?.message}
        onConfirm={() => restore.mutate()}
      />
    </div>
  );
}
