import { CircleCheck, CircleX } from 'lucide-react';
import { Card } from '@/components/ui/card';
import type { AccountDto } from '@/lib/pipeline/kubernetes-accounts';

const roles = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : 'admins only');

function Reachability({ account }: { account: AccountDto }) {
  if (account.status.reachable) {
    return (
      <span className="flex items-center gap-1 text-success">
        <CircleCheck size={14} aria-hidden="true" /> Reachable
      </span>
    );
  }
  return (
    <span className="flex flex-col gap-0.5">
      <span className="flex items-center gap-1 text-danger">
        <CircleX size={14} aria-hidden="true" /> Unreachable
      </span>
      <span className="text-xs text-muted">{account.status.error}</span>
    </span>
  );
}

/** Each Kubernetes account the user may see: reachability (words and icon), server version, namespaces, roles. */
export function AccountsTable({ accounts }: { accounts: AccountDto[] }) {
  if (accounts.length === 0) {
    return <p className="text-sm text-muted">No Kubernetes accounts you may see. Administrators configure them under <code>kubernetes.accounts</code> in the Foresail configuration.</p>;
  }
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Kubernetes accounts</caption>
        <thead className="border-b border-line text-xs text-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Account</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="px-4 py-2 font-medium">Server version</th>
            <th scope="col" className="px-4 py-2 font-medium">Namespaces</th>
            <th scope="col" className="px-4 py-2 font-medium">Read</th>
            <th scope="col" className="px-4 py-2 font-medium">Write</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {accounts.map((account) => (
            <tr key={account.name} className="align-top">
              <th scope="row" className="px-4 py-3 font-medium">
                {account.name}
                {account.canWrite && <span className="ml-2 rounded bg-surface-2 px-1.5 py-0.5 text-xs font-normal text-muted">you may deploy</span>}
              </th>
              <td className="px-4 py-3"><Reachability account={account} /></td>
              <td className="px-4 py-3 font-mono text-xs">{account.status.serverVersion ?? '—'}</td>
              <td className="px-4 py-3">{account.namespaces.length > 0 ? account.namespaces.join(', ') : <span className="text-muted">any</span>}</td>
              <td className="px-4 py-3">{roles(account.permissions.READ)}</td>
              <td className="px-4 py-3">{roles(account.permissions.WRITE)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
