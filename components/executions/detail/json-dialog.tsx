'use client';

import { useQuery } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { JsonBlock } from './json-block';

/** The document to show: at hand, or loaded when the dialog opens (e.g. a whole execution, which the page does not hold). */
export type JsonSource = { value: unknown } | { queryKey: readonly unknown[]; load(): Promise<unknown> };

function Shown({ title, value }: { title: string; value: unknown }) {
  return (
    <>
      <JsonBlock label={title} value={value} />
      <div className="flex justify-end gap-2">
        <Button onClick={() => void navigator.clipboard?.writeText(JSON.stringify(value, null, 2))}>Copy</Button>
        <Dialog.Close asChild>
          <Button variant="primary">Close</Button>
        </Dialog.Close>
      </div>
    </>
  );
}

// Rendered only while the dialog is open (Radix mounts the content then), so the load waits for that.
function Loaded({ title, queryKey, load }: { title: string; queryKey: readonly unknown[]; load(): Promise<unknown> }) {
  const { data, error } = useQuery({ queryKey, queryFn: load, staleTime: 0 });
  if (error) return <Alert tone="danger">{`Could not load it: ${error.message}`}</Alert>;
  if (data === undefined) return <p className="text-sm text-muted">Loading…</p>;
  return <Shown title={title} value={data} />;
}

/** A wide dialog showing a JSON document (the shared Dialog is sized for forms). */
export function JsonDialog({ title, note, source, trigger }: { title: string; note?: ReactNode; source: JsonSource; trigger: ReactNode }) {
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 flex max-h-[90vh] w-[min(64rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 flex-col gap-3 rounded-lg border border-line bg-surface p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className={note ? 'text-sm text-muted' : 'sr-only'}>{note ?? title}</Dialog.Description>
          {'value' in source ? <Shown title={title} value={source.value} /> : <Loaded title={title} queryKey={source.queryKey} load={source.load} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
