import type { ApplicationDto } from '@/lib/pipeline/application';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';

const permissionLabels = { READ: 'Read', WRITE: 'Write', EXECUTE: 'Execute' } as const;

export function ApplicationDetails({ application }: { application: ApplicationDto }) {
  return (
    <Card className="p-5">
      <h2 className="text-sm font-semibold">Details</h2>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted">Created</dt>
        <dd><RelativeTime iso={application.createdAt} /></dd>
        <dt className="text-muted">Updated</dt>
        <dd><RelativeTime iso={application.updatedAt} /></dd>
      </dl>
      <h2 className="mt-6 text-sm font-semibold">Permissions</h2>
      <dl className="mt-3 flex flex-col gap-2 text-sm">
        {(Object.keys(permissionLabels) as (keyof typeof permissionLabels)[]).map((key) => (
          <div key={key} className="flex flex-wrap items-baseline gap-2">
            <dt className="w-16 text-muted">{permissionLabels[key]}</dt>
            <dd className="flex flex-wrap gap-1">
              {application.permissions[key].length === 0 ? (
                <span className="text-muted">admins only</span>
              ) : (
                application.permissions[key].map((role) => (
                  <span key={role} className="rounded bg-surface-2 px-1.5 py-0.5 font-mono text-xs">
                    {role}
                  </span>
                ))
              )}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
