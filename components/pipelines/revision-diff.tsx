import { useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { diffJson, diffLines, type DiffLine } from '@/lib/pipeline/json-diff';
import { diffRows } from './diff-rows';
import { stableJson } from './json-path';

const rowClass = { same: '', added: 'bg-success-bg text-success', removed: 'bg-danger-bg text-danger' } as const;
const sign = { same: ' ', added: '+', removed: '-' } as const;

/** Changed paths listed when the line diff is too large; the rest are counted. */
const MAX_PATHS_LISTED = 50;

/**
 * A line diff of the two configs as pretty JSON (keys sorted), with + and - marks as well as colour;
 * past the diff's bound (a rewritten pipeline), the changed paths instead.
 */
export function RevisionDiff({ before, after, label }: { before: unknown; after: unknown; label: string }) {
  const diff = useMemo(() => diffLines(stableJson(before), stableJson(after)), [before, after]);
  return diff.kind === 'lines' ? <LineTable lines={diff.lines} label={label} /> : <TooLarge before={before} after={after} maxEdits={diff.maxEdits} label={label} />;
}

function TooLarge({ before, after, maxEdits, label }: { before: unknown; after: unknown; maxEdits: number; label: string }) {
  const paths = useMemo(() => diffJson(before, after).map((change) => `${change.kind === 'added' ? '+' : change.kind === 'removed' ? '−' : '~'} ${change.path || '(whole configuration)'}`), [before, after]);
  return (
    <div className="flex flex-col gap-2">
      <Alert tone="info">
        Too large to diff inline: more than {maxEdits.toLocaleString('en')} lines were added or removed. {paths.length.toLocaleString('en')} field{paths.length === 1 ? '' : 's'} changed
        {paths.length > MAX_PATHS_LISTED ? `; the first ${MAX_PATHS_LISTED} are listed below` : ''}.
      </Alert>
      <ul aria-label={label} className="max-h-[36rem] overflow-auto rounded-md border border-line bg-surface px-3 py-2 font-mono text-xs leading-5">
        {paths.slice(0, MAX_PATHS_LISTED).map((path, i) => (
          <li key={i}>{path}</li>
        ))}
      </ul>
    </div>
  );
}

function LineTable({ lines, label }: { lines: DiffLine[]; label: string }) {
  const [full, setFull] = useState(false);
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
