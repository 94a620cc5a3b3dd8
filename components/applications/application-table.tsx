import Link from 'next/link';
import type { ApplicationDto } from '@/lib/pipeline/application';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';

export function ApplicationTable({ applications }: { applications: ApplicationDto[] }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Applications</caption>
        <thead className="border-b border-line text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Name</th>
            <th scope="col" className="px-4 py-3 font-medium">Description</th>
            <th scope="col" className="px-4 py-3 font-medium">Owner</th>
            <th scope="col" className="px-4 py-3 font-medium">Updated</th>
          </tr>
        </thead>
        <tbody>
          {applications.map((app) => (
            <tr key={app.name} className="border-b border-line last:border-0 hover:bg-surface-2">
              <td className="px-4 py-3 font-medium">
                <Link href={`/applications/${app.name}`} className="text-accent underline-offset-4 hover:underline">
                  {app.name}
                </Link>
              </td>
              <td className="max-w-md truncate px-4 py-3 text-muted" title={app.description}>
                {app.description || '—'}
              </td>
              <td className="px-4 py-3 text-muted">{app.ownerEmail}</td>
              <td className="whitespace-nowrap px-4 py-3 text-muted">
                <RelativeTime iso={app.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
