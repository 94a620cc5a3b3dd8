'use client';

import { useMutation } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiRequest } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

export function DeleteApplicationButton({ name }: { name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => apiRequest(`/api/v1/applications/${encodeURIComponent(name)}`, { method: 'DELETE' }),
    onSuccess: () => {
      router.push('/applications');
      router.refresh();
    },
  });
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={`Delete ${name}?`}
      description="Its pipelines and execution history are deleted too. This cannot be undone."
      trigger={
        <Button variant="secondary">
          <Trash2 size={16} aria-hidden="true" />
          Delete
        </Button>
      }
    >
        {remove.isError && <Alert tone="danger">{remove.error.message}</Alert>}
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? 'Deleting…' : 'Delete application'}
          </Button>
      </div>
    </Dialog>
  );
}
