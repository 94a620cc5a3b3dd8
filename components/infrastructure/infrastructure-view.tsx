'use client';

import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/components/api/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { infrastructureSchema, type InfrastructureDto } from '@/lib/pipeline/kubernetes-views';
import { WorkloadListSection } from './workload-list-section';

/**
 * An application's workloads per account. The server renders the first page of every list; Refresh
 * reads them again (no polling: each read lists four kinds per account and the pods of each workload).
 */
export function InfrastructureView({ initial }: { initial: InfrastructureDto }) {
  const { data, dataUpdatedAt, error, isFetching, refetch } = useQuery({
    queryKey: ['infrastructure', initial.application],
    queryFn: ({ signal }) => apiFetch(`/api/v1/applications/${encodeURIComponent(initial.application)}/infrastructure`, infrastructureSchema, { signal }),
    initialData: initial,
    staleTime: Infinity,
  });
  const empty = data.accounts.every((a) => a.lists.every((l) => l.workloads.length === 0 && !l.error));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-muted">Workloads labelled foresail.dev/application={data.application}, read live from each cluster.</p>
        <Button size="sm" disabled={isFetching} onClick={() => void refetch()}>
          {isFetching ? 'Refreshing…' : 'Refresh'}
        </Button>
      </div>
      {error && <Alert tone="danger">{error.message}</Alert>}
      {data.omittedAccounts > 0 && (
        <Alert tone="info">
          {data.omittedAccounts} Kubernetes account{data.omittedAccounts === 1 ? ' is' : 's are'} not shown: you may not read {data.omittedAccounts === 1 ? 'it' : 'them'}.
        </Alert>
      )}
      {data.accounts.length === 0 && data.omittedAccounts === 0 && <p className="text-sm text-muted">No Kubernetes accounts are configured.</p>}
      {empty && data.accounts.length > 0 && <p className="text-sm text-muted">Foresail has not deployed any workloads of {data.application} to the accounts you can read.</p>}
      {data.accounts.map((account) => (
        <section key={account.name} aria-label={`Account ${account.name}`} className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
          <h2 className="text-base font-semibold">{account.name}</h2>
          {/* Keyed by the data's identity so a refresh starts each list's "Load more" afresh. */}
          {account.lists.map((list) => (
            <WorkloadListSection key={`${list.kind}/${list.namespace ?? ''}/${dataUpdatedAt}`} application={data.application} account={account.name} list={list} />
          ))}
        </section>
      ))}
    </div>
  );
}
