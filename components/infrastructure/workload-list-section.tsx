'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { infrastructureSchema, type Workload, type WorkloadList } from '@/lib/pipeline/kubernetes-views';
import { WorkloadCard } from './workload-card';

const plural: Record<WorkloadList['kind'], string> = { Deployment: 'Deployments', StatefulSet: 'StatefulSets', DaemonSet: 'DaemonSets', Job: 'Jobs' };

/** One labelled list (a kind in an account, maybe one namespace), with "Load more" following the apiserver's continue token. */
export function WorkloadListSection({ application, account, list }: { application: string; account: string; list: WorkloadList }) {
  const [extra, setExtra] = useState<Workload[]>([]);
  const [next, setNext] = useState(list.continue);
  const more = useMutation({
    mutationFn: async (token: string) => {
      const query = new URLSearchParams({ account, kind: list.kind, continue: token, ...(list.namespace ? { namespace: list.namespace } : {}) });
      const page = await apiFetch(`/api/v1/applications/${encodeURIComponent(application)}/infrastructure?${query.toString()}`, infrastructureSchema);
      const found = page.accounts[0]?.lists[0];
      if (!found) throw new Error(`The next page of ${plural[list.kind]} in ${account} came back empty`);
      if (found.error) throw new Error(found.error);
      return found;
    },
    onSuccess: (page) => {
      setExtra((prev) => [...prev, ...page.workloads]);
      setNext(page.continue);
    },
  });
  const workloads = [...list.workloads, ...extra];
  const title = `${plural[list.kind]}${list.namespace ? ` in ${list.namespace}` : ''}`;
  if (workloads.length === 0 && !list.error) return null;
  return (
    <section aria-label={`${title} on ${account}`} className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      {list.error && <Alert tone="danger">{list.error}</Alert>}
      {workloads.map((w) => (
        <WorkloadCard key={`${w.namespace}/${w.name}`} workload={w} />
      ))}
      {more.error && <Alert tone="danger">{more.error.message}</Alert>}
      {next && (
        <div>
          <Button size="sm" disabled={more.isPending} onClick={() => more.mutate(next)}>
            {more.isPending ? 'Loading…' : `Load more ${plural[list.kind]}`}
          </Button>
        </div>
      )}
    </section>
  );
}
