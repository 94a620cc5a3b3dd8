'use client';

import dynamic from 'next/dynamic';
import { Upload } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

// The form parses YAML; load it (and the YAML library) only when the dialog opens.
const ImportForm = dynamic(() => import('./import-form').then((m) => m.ImportForm), { ssr: false, loading: () => <p className="text-sm text-muted">Loading…</p> });

export function ImportPipelinesButton({ application }: { application: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Import pipelines"
      description="Spinnaker pipeline JSON or YAML: one pipeline, a list, or a Dinghy-style {application, pipelines}. Each is checked before anything is saved."
      trigger={
        <Button>
          <Upload size={16} aria-hidden="true" />
          Import
        </Button>
      }
    >
      {open && <ImportForm application={application} onDone={() => setOpen(false)} />}
    </Dialog>
  );
}
