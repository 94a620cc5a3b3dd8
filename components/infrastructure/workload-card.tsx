import type { Workload } from '@/lib/pipeline/kubernetes-views';
import { LiveStatusBadge } from './live-status-badge';

/** One workload: readiness, images, its ReplicaSets (Deployments) and pods. */
export function WorkloadCard({ workload: w }: { workload: Workload }) {
  const label = `${w.kind} ${w.name}`;
  return (
    <article aria-label={label} className="rounded-md border border-line p-3">
      <header className="flex flex-wrap items-center gap-2">
        <h4 className="font-mono text-sm font-medium">{w.name}</h4>
        <span className="text-xs text-muted">{w.namespace}</span>
        <LiveStatusBadge status={w.status} message={w.message} />
        {w.desired !== null && (
          <span className="text-xs text-muted">
            {w.ready ?? 0}/{w.desired} {w.kind === 'Job' ? 'succeeded' : 'ready'}
          </span>
        )}
      </header>
      <p className="mt-1 text-xs text-muted">{w.message}</p>
      <p className="mt-1 text-xs">
        Images: <span className="font-mono">{w.images.join(', ') || '—'}</span>
      </p>
      {w.replicaSets.length > 0 && (
        <ul aria-label={`ReplicaSets of ${w.name}`} className="mt-2 flex flex-col gap-0.5 text-xs">
          {w.replicaSets.map((rs) => (
            <li key={rs.name}>
              <span className="font-mono">{rs.name}</span>
              {rs.revision && <span className="text-muted"> · revision {rs.revision}</span>} · {rs.ready}/{rs.desired} ready · <span className="font-mono">{rs.images.join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      {w.pods.length > 0 && (
        <table className="mt-2 w-full text-left text-xs">
          <caption className="sr-only">Pods of {w.name}</caption>
          <thead className="text-muted">
            <tr>
              <th scope="col" className="pr-2 font-medium">Pod</th>
              <th scope="col" className="pr-2 font-medium">Status</th>
              <th scope="col" className="pr-2 font-medium">Images</th>
              <th scope="col" className="pr-2 font-medium">Restarts</th>
              <th scope="col" className="font-medium">Node</th>
            </tr>
          </thead>
          <tbody>
            {w.pods.map((p) => (
              <tr key={p.name} className="border-t border-line">
                <td className="pr-2 font-mono">{p.name}</td>
                <td className="pr-2">
                  <LiveStatusBadge status={p.status} message={p.message} /> {p.phase}
                </td>
                <td className="pr-2 font-mono">{p.images.join(', ')}</td>
                <td className="pr-2">{p.restarts}</td>
                <td>{p.node ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {w.pods.length === 0 && w.kind !== 'Job' && <p className="mt-2 text-xs text-muted">No pods.</p>}
      {w.morePods && <p className="mt-1 text-xs text-muted">More pods exist than are shown.</p>}
    </article>
  );
}
