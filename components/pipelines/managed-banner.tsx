'use client';

import { Copy, GitBranch } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { pipelineAsResource, resourcesYaml } from '@/lib/pipeline/as-resource';
import { describeManagedBy, type ManagedBy } from '@/lib/pipeline/managed-by';

/**
 * A pipeline kept as a Kubernetes resource (README "GitOps"): read-only here, with where it comes from,
 * how to change it, and its config as resource YAML to start an edit from.
 */
export function ManagedBanner({ managedBy, pipeline }: { managedBy: ManagedBy; pipeline: Record<string, unknown> }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const copy = () => {
    const yaml = resourcesYaml([pipelineAsResource(pipeline, { namespace: managedBy.namespace, name: managedBy.name })]);
    void navigator.clipboard?.writeText(yaml).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div role="status" className="flex flex-wrap items-center gap-3 rounded-lg border border-info/40 bg-info-bg px-4 py-3 text-sm">
      <GitBranch size={18} className="shrink-0 text-info" aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-fg">Managed by {describeManagedBy(managedBy)}</p>
        <p className="text-muted">
          This pipeline is the Pipeline resource <code>{managedBy.name}</code> in namespace <code>{managedBy.namespace}</code> (account {managedBy.account}), so it is read-only here. Change the
          resource in its Git repository or with <code>kubectl apply</code>; Foresail saves each change as a new revision.
        </p>
        {copied === 'failed' && <p className="mt-1 text-danger">The browser did not allow copying; use “Show JSON / YAML” instead.</p>}
      </div>
      <Button size="sm" variant="secondary" onClick={copy}>
        <Copy size={14} aria-hidden="true" /> {copied === 'yes' ? 'Copied' : 'Copy as CR YAML'}
      </Button>
    </div>
  );
}
