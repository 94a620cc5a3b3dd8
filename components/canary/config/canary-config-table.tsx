import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import type { CanaryConfigSummaryDto } from '@/lib/canary/stats/config-api';

/** An application's canary configs by name, each linking to its editor. */
export function CanaryConfigTable({ application, configs }: { application: string; configs: CanaryConfigSummaryDto[] }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Canary configs of {application}</caption>
        <thead className="border-b border-line text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Name</th>
            <th scope="col" className="px-4 py-3 font-medium">Metrics</th>
            <th scope="col" className="px-4 py-3 font-medium">Updated</th>
            <th scope="col" className="px-4 py-3 font-medium">Id</th>
          </tr>
        </thead>
        <tbody>
          {configs.map((config) => (
            <tr key={config.id} className="border-b border-line last:border-0">
              <td className="px-4 py-3 font-medium">
                <Link className="text-accent hover:underline" href={`/applications/${encodeURIComponent(application)}/canary-configs/${encodeURIComponent(config.id)}`}>
                  {config.name}
                </Link>
              </td>
              <td className="px-4 py-3">{config.metricCount}</td>
              <td className="px-4 py-3 text-muted">
                <RelativeTime iso={config.updatedTimestampIso} />
                {config.updatedBy ? ` by ${config.updatedBy}` : ''}
              </td>
              <td className="px-4 py-3 font-mono text-xs text-muted">{config.id}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
