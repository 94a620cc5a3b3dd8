import { useMemo, useState } from 'react';
import { diffLines } from '@/lib/pipeline/json-diff';
import { diffRows } from './diff-rows';
import { stableJson } from './json-path';

const rowClass = { same: '', added: 'bg-success-bg text-success', removed: 'bg-danger-bg text-danger' } as const;
const sign = { same: ' ', added: '+', removed: '-' } as const;

/** A line diff of the two configs as pretty JSON (keys sorted), with + and - marks as well as colour. */
export function RevisionDiff({ before, after, label }: { before: unknown; after: unknown; label: string }) {
  const [full, setFull] = useState(false);
  const lines = useMemo(() => diffLines(stableJson(before), stableJson(after)), [before, after]);
  const rows = useMemo(() => diffRows(lines, full ? Number.MAX_SAFE_INTEGER : 3), [lines, full]);
  const added = lines.filter((l) => l.kind === 'added').length;
  const removed = lines.filter((l) => l.kind === 'removed').length;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p className="text-muted">
          {added === 0 && removed === 0 ? 'No differences.' : (
            <>
              <span className="text-success">+{added}</span> <span className="text-danger">−{removed}</span> lines
            </>
          )}
        </p>
        <button type="button" className="text-xs font-medium text-accent hover:underline" onClick={() => setFull((f) => !f)}>
          {full ? 'Hide unchanged lines' : 'Show all lines'}
        </button>
      </div>
      <div className="max-h-[36rem] overflow-auto rounded-md border border-line bg-surface">
        <table className="w-full border-collapse font-mono text-xs leading-5">
          <caption className="sr-only">{label}</caption>
          <tbody>
            {rows.map((row, i) =>
              row.kind === 'skip' ? (
                <tr key={row.key} className="bg-surface-2 text-muted">
                  <td colSpan={4} className="px-3 py-0.5">
                    ⋯ {row.count} unchanged line{row.count === 1 ? '' : 's'}
                  </td>
                </tr>
              ) : (
                <tr key={i} className={rowClass[row.kind]}>
                  <td className="w-10 select-none px-2 text-right text-muted">{row.before ?? ''}</td>
                  <td className="w-10 select-none px-2 text-right text-muted">{row.after ?? ''}</td>
                  <td className="w-4 select-none text-center" aria-label={row.kind === 'same' ? undefined : row.kind}>
                    {sign[row.kind]}
                  </td>
                  <td className="whitespace-pre pr-3">{row.text}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
