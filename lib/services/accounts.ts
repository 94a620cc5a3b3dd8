import 'server-only';
import type { KubernetesAccountConfig } from '../config/kubernetes-schema';
import { getConfig } from '../env';
import { can, type Principal, type Resource } from '../auth/permissions';

export const accountResource = (account: KubernetesAccountConfig): Resource => ({ kind: 'account', name: account.name, permissions: account.permissions });

/** Kubernetes accounts this principal may READ (administrators see all). */
export function visibleAccounts(user: Principal): KubernetesAccountConfig[] {
  return getConfig().kubernetes.accounts.filter((account) => can(user, 'read', accountResource(account)));
}

/** An account as Gate's /credentials returns it, with the field types spin's typed client needs. */
export function gateAccount(account: KubernetesAccountConfig, details: boolean): Record<string, unknown> {
  const base = {
    name: account.name,
    type: 'kubernetes',
    accountId: account.name,
    requiredGroupMembership: [] as string[],
    permissions: { READ: account.permissions.READ, WRITE: account.permissions.WRITE },
    namespaces: account.namespaces,
  };
  return details ? { ...base, accountType: 'kubernetes', cloudProvider: 'kubernetes', environment: account.name, challengeDestructiveActions: false, primaryAccount: false } : base;
}
