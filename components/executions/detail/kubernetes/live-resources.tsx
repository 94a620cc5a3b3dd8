import { LiveStatusBadge } from '@/components/infrastructure/live-status-badge';
import type { StageLiveResource } from '@/lib/pipeline/kubernetes-views';

/** Each object the stage touched: where it lives, its readiness now and its latest events. */
export function LiveResources({ account, resources }: { account: string | null; resources: StageLiveResource[] }) {
  if (resources.length === 0) return <p className="text-sm text-muted">This stage has not touched any Kubernetes objects yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Kubernetes resources</caption>
      <thead className="text-xs text-muted">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">Kind</th>
          <th scope="col" className="py-1 pr-3 font-medium">Name</th>
          <th scope="col" className="py-1 pr-3 font-medium">Namespace</th>
          <th scope="col" className="py-1 pr-3 font-medium">Account</th>
          <th scope="col" className="py-1 font-medium">Status</th>
        </tr>
      </thead>
      <tbody>
        {resources.map((r) => (
          <ResourceRows key={`${r.kind}/${r.namespace ?? ''}/${r.name}`} account={account} resource={r} />
        ))}
      </tbody>
    </table>
  );
}

function ResourceRows({ account, resource: r }: { account: string | null; resource: StageLiveResource }) {
  return (
    <>
      <tr className="border-t border-line align-top">
        <td className="py-1.5 pr-3">{r.kind}</td>
        <td className="py-1.5 pr-3 font-mono text-xs">{r.name}</td>
        <td className="py-1.5 pr-3">{r.namespace ?? '—'}</td>
        <td className="py-1.5 pr-3">{account ?? '—'}</td>
        <td className="py-1.5">
          <LiveStatusBadge status={r.status} message={r.message} /> <span className="text-xs text-muted">{r.message}</span>
        </td>
      </tr>
      {r.events.length > 0 && (
        <tr>
          <td colSpan={5} className="pb-2">
            <ul aria-label={`Events of ${r.kind} ${r.name}`} className="ml-4 flex flex-col gap-0.5 text-xs">
              {r.events.map((e, i) => (
                <li key={i} className={e.type === 'Warning' ? 'text-warning' : 'text-muted'}>
                  <span className="font-medium">{e.reason}</span>: {e.message}
                  {e.count > 1 && ` (×${e.count})`}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </>
  );
}
