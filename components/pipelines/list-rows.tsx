'use client';

import { Plus, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useField } from './editor-context';
import { IssueMessages } from './field-shell';
import type { PathSegment } from './issue-paths';

export interface ListRowsProps {
  path: readonly PathSegment[];
  label: string;
  /** Name of one item, for "Add …" and "Remove … 2". */
  itemName: string;
  newItem: () => unknown;
  renderItem: (itemPath: PathSegment[], index: number) => ReactNode;
  footer?: ReactNode;
  empty?: string;
}

/** A list of small rows with add and remove (judgment options, variables, weights, preconditions). */
export function ListRows({ path, label, itemName, newItem, renderItem, footer, empty = 'None yet.' }: ListRowsProps) {
  const field = useField(path);
  const items = Array.isArray(field.value) ? field.value : [];
  const own = field.issues.filter((i) => i.path === field.pathKey);
  return (
    <fieldset className="flex flex-col gap-2" data-path={field.pathKey}>
      <legend className="mb-1 text-xs font-medium">{label}</legend>
      <IssueMessages issues={own} />
      {items.length === 0 && <p className="text-xs text-muted">{empty}</p>}
      {items.map((_, i) => (
        <div key={i} className="flex items-start gap-1.5">
          <div className="flex min-w-0 flex-1 flex-wrap gap-1.5">{renderItem([...path, i], i)}</div>
          {!field.readOnly && (
            <button type="button" aria-label={`Remove ${itemName} ${i + 1}`} className="mt-1 rounded p-1 text-muted hover:bg-surface-2 hover:text-danger" onClick={() => field.set(items.filter((__, j) => j !== i))}>
              <Trash2 size={14} aria-hidden="true" />
            </button>
          )}
        </div>
      ))}
      {footer}
      {!field.readOnly && (
        <button type="button" className="flex w-fit items-center gap-1 text-xs font-medium text-accent hover:underline" onClick={() => field.set([...items, newItem()])}>
          <Plus size={13} aria-hidden="true" /> Add {itemName}
        </button>
      )}
    </fieldset>
  );
}
