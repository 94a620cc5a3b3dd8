import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

/** A titled card section of the pipeline configuration. */
export function Panel({ id, title, description, actions, children }: { id: string; title: string; description?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Card className="p-5">
      <section aria-labelledby={id} className="flex flex-col gap-4">
        <header className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <h2 id={id} className="text-base font-semibold">
              {title}
            </h2>
            {description && <p className="mt-0.5 text-xs text-muted">{description}</p>}
          </div>
          {actions}
        </header>
        {children}
      </section>
    </Card>
  );
}

/** One entry of a repeated section (a trigger, a parameter…): a title, a remove button and its fields. */
export function ItemCard({ title, onRemove, removeLabel, path, children }: { title: ReactNode; onRemove?: () => void; removeLabel: string; path?: string; children: ReactNode }) {
  return (
    <div className="rounded-md border border-line" data-path={path}>
      <div className="flex items-center justify-between gap-2 border-b border-line bg-surface-2/60 px-3 py-2">
        <div className="flex min-w-0 items-center gap-2 text-sm font-medium">{title}</div>
        {onRemove && (
          <button type="button" onClick={onRemove} className="rounded px-2 py-0.5 text-xs text-muted hover:bg-surface hover:text-danger">
            {removeLabel}
          </button>
        )}
      </div>
      <div className="p-3">{children}</div>
    </div>
  );
}
