'use client';

import { Dialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { JsonBlock } from './json-block';

/** A wide dialog showing a JSON document (the shared Dialog is sized for forms). */
export function JsonDialog({ title, note, value, trigger }: { title: string; note?: ReactNode; value: unknown; trigger: ReactNode }) {
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 flex max-h-[90vh] w-[min(64rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 flex-col gap-3 rounded-lg border border-line bg-surface p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className={note ? 'text-sm text-muted' : 'sr-only'}>{note ?? title}</Dialog.Description>
          <JsonBlock label={title} value={value} />
          <div className="flex justify-end gap-2">
            <Button onClick={() => void navigator.clipboard?.writeText(JSON.stringify(value, null, 2))}>Copy</Button>
            <Dialog.Close asChild>
              <Button variant="primary">Close</Button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
