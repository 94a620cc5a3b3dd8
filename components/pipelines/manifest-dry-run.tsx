'use client';

import { useMutation } from '@tanstack/react-query';
import { CircleAlert, CircleCheck, ShieldX, TriangleAlert } from 'lucide-react';
import { stringify } from 'yaml';
import { cn } from '@/components/ui/cn';
import { dryRunResultSchema, type DryRunRequest, type DryRunResult, type DryRunVerdict } from '@/lib/pipeline/kubernetes-accounts';
import { useField } from './editor-context';
import type { PathSegment } from './issue-paths';
import { isExpression, useAccounts } from './use-accounts';

async function postDryRun(account: string, request: DryRunRequest): Promise<DryRunResult> {
  const res = await fetch(`/api/v1/accounts/${encodeURIComponent(account)}/dry-run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const message = typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : `HTTP ${res.status}`;
    throw new Error(`Dry run failed: ${message}`);
  }
  return dryRunResultSchema.parse(body);
}

const VERDICT_LOOK: Record<DryRunVerdict['verdict'], { label: string; className: string; Icon: typeof CircleCheck }> = {
  ok: { label: 'OK', className: 'text-success', Icon: CircleCheck },
  invalid: { label: 'Invalid', className: 'text-danger', Icon: CircleAlert },
  forbidden: { label: 'Forbidden', className: 'text-danger', Icon: ShieldX },
  conflict: { label: 'Conflict', className: 'text-warning', Icon: TriangleAlert },
  failed: { label: 'Failed', className: 'text-danger', Icon: CircleAlert },
};

const ACTION_TEXT = { create: 'would be created', update: 'would change', unchanged: 'no change' } as const;
const show = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function Changes({ verdict }: { verdict: DryRunVerdict }) {
  if (verdict.action === 'create') {
    const created = verdict.changes[0]?.after;
    return (
      <details className="mt-1">
        <summary className="cursor-pointer text-xs text-muted">Object as the cluster would store it</summary>
        <pre className="mt-1 max-h-64 overflow-auto rounded bg-surface-2 p-2 font-mono text-xs">{stringify(created, { lineWidth: 0 })}</pre>
      </details>
    );
  }
  if (verdict.changes.length === 0) return null;
  return (
    <table className="mt-1 w-full table-fixed text-left font-mono text-xs" aria-label={`Changes to ${verdict.object}`}>
      <thead className="text-muted">
        <tr>
          <th className="w-2/5 font-medium">Field</th>
          <th className="font-medium">Live</th>
          <th className="font-medium">After apply</th>
        </tr>
      </thead>
      <tbody>
        {verdict.changes.map((c) => (
          <tr key={c.path} className="align-top">
            <td className="break-all pr-2">{c.path}</td>
            <td className="break-all pr-2 text-danger">{c.kind === 'added' ? '—' : show(c.before)}</td>
            <td className="break-all text-success">{c.kind === 'removed' ? '(removed)' : show(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VerdictRow({ verdict }: { verdict: DryRunVerdict }) {
  const look = VERDICT_LOOK[verdict.verdict];
  return (
    <li className="px-3 py-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className={cn('flex items-center gap-1 font-medium', look.className)}>
          <look.Icon size={14} aria-hidden="true" />
          {look.label}
        </span>
        <span className="font-medium">{verdict.object}</span>
        {verdict.action && <span className="text-xs text-muted">{ACTION_TEXT[verdict.action]}</span>}
      </div>
      {verdict.causes.length > 0 ? (
        <ul className="mt-1 flex flex-col gap-0.5 text-xs text-danger">
          {verdict.causes.map((c, i) => (
            <li key={i}>
              {c.field && <code className="font-mono">{c.field}</code>}
              {c.field && ': '}
              {c.message}
            </li>
          ))}
        </ul>
      ) : (
        verdict.message && <p className="mt-1 text-xs text-danger">{verdict.message}</p>
      )}
      <Changes verdict={verdict} />
    </li>
  );
}

/**
 * "Dry-run against cluster" for a deployManifest stage: the apiserver validates, admits and defaults the
 * manifests without storing them, and each verdict comes with the diff against the live object.
 */
export function ManifestDryRun({ stagePath }: { stagePath: readonly PathSegment[] }) {
  const manifests = useField([...stagePath, 'manifests']).value;
  const account = useField([...stagePath, 'account']).value;
  const override = useField([...stagePath, 'namespaceOverride']).value;
  const legacyNamespace = useField([...stagePath, 'namespace']).value;
  const { data: accounts } = useAccounts();
  const run = useMutation({ mutationFn: ({ name, request }: { name: string; request: DryRunRequest }) => postDryRun(name, request) });

  const list = Array.isArray(manifests) ? (manifests as Record<string, unknown>[]) : [];
  const accountName = typeof account === 'string' ? account : '';
  const known = accounts?.find((a) => a.name === accountName);
  const namespace = typeof override === 'string' && override ? override : typeof legacyNamespace === 'string' && legacyNamespace ? legacyNamespace : undefined;
  const blocked = !accountName
    ? 'Pick an account to dry-run against.'
    : isExpression(accountName) || (namespace && isExpression(namespace))
      ? 'The account or namespace is an expression; it is only known when the pipeline runs.'
      : accounts && !known
        ? `Account ${accountName} is not configured here.`
        : known && !known.canWrite
          ? `Dry runs need WRITE on ${accountName}.`
          : list.length === 0
            ? 'Add a manifest first.'
            : undefined;

  return (
    <section aria-label="Dry run" className="mt-2 flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="rounded-md border border-line px-3 py-1 text-xs font-medium hover:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-50"
          disabled={Boolean(blocked) || run.isPending}
          onClick={() => run.mutate({ name: accountName, request: { manifests: list, namespace, override: typeof override === 'string' && override !== '' } })}
        >
          {run.isPending ? 'Dry-running…' : 'Dry-run against cluster'}
        </button>
        {blocked && <span className="text-xs text-muted">{blocked}</span>}
      </div>
      <div aria-live="polite">
        {run.error && (
          <p role="alert" className="text-xs text-danger">
            {run.error.message}
          </p>
        )}
        {run.data && (
          <ul aria-label="Dry-run verdicts" className="divide-y divide-line rounded-md border border-line">
            {run.data.verdicts.map((v) => (
              <VerdictRow key={v.index} verdict={v} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
