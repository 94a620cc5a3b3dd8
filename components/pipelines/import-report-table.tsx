import { CircleAlert, CircleCheck, CircleX, TriangleAlert } from 'lucide-react';
import type { ImportReport } from '@/lib/pipeline/api-schemas';
import { cn } from '@/components/ui/cn';

type Outcome = ImportReport['items'][number]['outcome'];
type Issue = ImportReport['items'][number]['issues'][number];

/** The server may report a finding twice (parsing and validating both check it); show it once. */
const distinct = (issues: readonly Issue[]) => issues.filter((issue, i) => issues.findIndex((o) => o.path === issue.path && o.message === issue.message && o.severity === issue.severity) === i);

const outcomes: Record<Outcome, { label: string; good: boolean }> = {
  create: { label: 'Will be created', good: true },
  update: { label: 'Will update the existing one', good: true },
  invalid: { label: 'Invalid: not imported', good: false },
  template: { label: 'A pipeline template: not imported', good: false },
  created: { label: 'Created', good: true },
  updated: { label: 'Updated', good: true },
  failed: { label: 'Failed', good: false },
};

/** One row per imported pipeline: what happens (or happened) to it, and every issue with its path. */
export function ImportReportTable({ report }: { report: ImportReport }) {
  return (
    <div className="max-h-80 overflow-auto rounded-md border border-line">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{report.dryRun ? 'Import check' : 'Import result'}</caption>
        <thead className="sticky top-0 border-b border-line bg-surface text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">#</th>
            <th scope="col" className="px-3 py-2 font-medium">Pipeline</th>
            <th scope="col" className="px-3 py-2 font-medium">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {report.items.map((item) => {
            const outcome = outcomes[item.outcome];
            return (
              <tr key={item.index} className="border-b border-line align-top last:border-0">
                <td className="px-3 py-2 tabular-nums text-muted">{item.index + 1}</td>
                <td className="px-3 py-2">
                  <span className="font-medium">{item.name ?? '(no name)'}</span>
                  {item.issues.length > 0 && (
                    <ul className="mt-1 flex flex-col gap-0.5">
                      {distinct(item.issues).map((issue, i) => (
                        <li key={i} className={cn('flex items-start gap-1 text-xs', issue.severity === 'error' ? 'text-danger' : 'text-warning')}>
                          {issue.severity === 'error' ? <CircleAlert size={12} className="mt-0.5 shrink-0" aria-hidden="true" /> : <TriangleAlert size={12} className="mt-0.5 shrink-0" aria-hidden="true" />}
                          <span>
                            <span className="sr-only">{issue.severity}: </span>
                            <code className="font-mono">{issue.path || '(pipeline)'}</code> {issue.message}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className={cn('whitespace-nowrap px-3 py-2 text-xs font-medium', outcome.good ? 'text-success' : 'text-danger')}>
                  <span className="flex items-center gap-1">
                    {outcome.good ? <CircleCheck size={13} aria-hidden="true" /> : <CircleX size={13} aria-hidden="true" />}
                    {outcome.label}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
