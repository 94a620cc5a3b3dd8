import type { Metadata } from 'next';
import Link from 'next/link';
import { ZodError } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { RelativeTime } from '@/components/ui/relative-time';
import { auditFor } from '@/lib/audit-visibility';
import { parseAuditQuery, type AuditQueryInput } from '@/lib/auth/audit-query';
import { requirePageUser } from '@/lib/auth/page-session';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

const outcomeTone: Record<string, string> = { success: 'text-success', denied: 'text-danger', refused: 'text-danger', failed: 'text-warning' };
const actions = ['auth.', 'auth.sign-in', 'application.', 'application.create', 'application.update', 'application.delete', 'token.', 'token.create', 'token.revoke'];

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const raw = await searchParams;
  const params = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
  let query: AuditQueryInput;
  try {
    query = parseAuditQuery(params);
  } catch (err) {
    const issue = err instanceof ZodError ? err.issues[0] : undefined;
    return <Alert tone="danger">Invalid filter {issue ? `${issue.path.join('.')}: ${issue.message}` : ''}. <Link href="/settings/audit" className="underline">Clear filters</Link></Alert>;
  }
  const { events, nextCursor } = await auditFor(user, query);
  const older = new URLSearchParams(params);
  if (nextCursor) older.set('cursor', nextCursor);
  const input = 'h-9 rounded-md border border-line bg-surface px-2 text-sm';

  return (
    <section aria-label="Audit log" className="flex flex-col gap-4">
      <p className="text-sm text-muted">{user.isAdmin ? 'Every change and action in Foresail.' : 'Changes and actions in the applications you can see, and your own.'} Rows are never edited or deleted.</p>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <label className="flex flex-col gap-1 text-xs font-medium">Actor<input name="actor" defaultValue={query.actor ?? ''} className={input} placeholder="login" /></label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Action
          <select name="action" defaultValue={query.action ?? ''} className={input}>
            <option value="">any</option>
            {actions.map((a) => <option key={a} value={a}>{a.endsWith('.') ? `${a}*` : a}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">Application<input name="application" defaultValue={query.application ?? ''} className={input} /></label>
        <label className="flex flex-col gap-1 text-xs font-medium">From<input type="date" name="from" defaultValue={raw.from && typeof raw.from === 'string' ? raw.from : ''} className={input} /></label>
        <label className="flex flex-col gap-1 text-xs font-medium">To<input type="date" name="to" defaultValue={raw.to && typeof raw.to === 'string' ? raw.to : ''} className={input} /></label>
        <button type="submit" className="h-9 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg">Filter</button>
        <Link href="/settings/audit" className="h-9 px-2 text-sm leading-9 text-muted hover:underline">Clear</Link>
      </form>
      {events.length === 0 ? (
        <EmptyState title="No audit events match">Try a wider time range or fewer filters.</EmptyState>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="border-b border-line text-xs uppercase tracking-wide text-muted">
              <tr>{['When', 'Actor', 'Action', 'Target', 'Application', 'Outcome', 'From'].map((h) => <th key={h} scope="col" className="px-3 py-2 font-medium">{h}</th>)}</tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-b border-line align-top last:border-0">
                  <td className="whitespace-nowrap px-3 py-2"><RelativeTime iso={e.at} /></td>
                  <td className="px-3 py-2 font-medium">{e.actor}</td>
                  <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                  <td className="px-3 py-2">{e.targetType}{e.targetId ? ` ${e.targetId}` : ''}</td>
                  <td className="px-3 py-2">{e.application ?? '—'}</td>
                  <td className={`px-3 py-2 font-medium ${outcomeTone[e.outcome] ?? ''}`} title={typeof e.details === 'object' && e.details && 'reason' in e.details ? String((e.details as { reason: unknown }).reason) : undefined}>{e.outcome}</td>
                  <td className="px-3 py-2 font-mono text-xs text-muted">{e.sourceIp ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <nav aria-label="Audit pages" className="flex justify-between text-sm">
        {query.cursor ? <Link href={`/settings/audit?${new URLSearchParams([...params.entries()].filter(([k]) => k !== 'cursor')).toString()}`} className="text-accent hover:underline">← Newest</Link> : <span />}
        {nextCursor && <Link href={`/settings/audit?${older.toString()}`} className="text-accent hover:underline">Older →</Link>}
      </nav>
    </section>
  );
}
