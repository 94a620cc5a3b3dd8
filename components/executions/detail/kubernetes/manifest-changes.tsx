import type { ManifestDiff } from '@/lib/pipeline/stage-resources';

const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** What the apply changed against the live objects, path by path (server-written fields left out). */
export function ManifestChanges({ diffs }: { diffs: ManifestDiff[] }) {
  return (
    <div className="flex flex-col gap-3">
      {diffs.map((d) => {
        const label = `${d.resource.kind} ${d.resource.name}${d.resource.namespace ? ` in ${d.resource.namespace}` : ''}`;
        return (
          <section key={label} aria-label={`Changes to ${label}`}>
            <h5 className="text-sm font-medium">{label}</h5>
            {d.created ? (
              <p className="text-sm text-muted">Created by this stage (it did not exist before).</p>
            ) : d.changes.length === 0 ? (
              <p className="text-sm text-muted">No changes: the live object already matched the manifest.</p>
            ) : (
              <ul className="mt-1 flex flex-col gap-1 font-mono text-xs">
                {d.changes.map((c) => (
                  <li key={c.path}>
                    <span className="text-muted">{c.path}</span>{' '}
                    {c.kind !== 'added' && <del className="bg-danger-bg text-danger">{show(c.before)}</del>} {c.kind !== 'removed' && <ins className="bg-success-bg text-success no-underline">{show(c.after)}</ins>}
                  </li>
                ))}
                {d.truncated && <li className="text-muted">… more changes were not recorded</li>}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
