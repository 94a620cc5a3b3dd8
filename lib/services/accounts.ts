import 'server-only';
import type { KubernetesAccountConfig } from '../config/kubernetes-schema';
import { getConfig } from '../env';
import { DomainError, NotFoundError } from '../errors';
import { can, type Principal, type Resource } from '../auth/permissions';
import { clusterClientFor } from '../kubernetes/client';
import { isKubernetesFailure } from '../kubernetes/errors';
import type { AccountDto, AccountNamespaces } from '../pipeline/kubernetes-accounts';
import { probeAccount } from './account-probe';

export const accountResource = (account: KubernetesAccountConfig): Resource => ({ kind: 'account', name: account.name, permissions: account.permissions });

/** Kubernetes accounts this principal may READ (administrators see all). */
export function visibleAccounts(user: Principal): KubernetesAccountConfig[] {
  return getConfig().kubernetes.accounts.filter((account) => can(user, 'read', accountResource(account)));
}

/** One account the principal may READ; missing and invisible answer the same 404, so names cannot be probed. */
export function findVisibleAccount(user: Principal, name: string): KubernetesAccountConfig {
  const account = visibleAccounts(user).find((a) => a.name === name);
  if (!account) throw new NotFoundError(`Account ${name} not found`);
  return account;
}

/** The cluster refused or could not be reached; the message is lib/kubernetes's plain sentence (no bodies). */
export class ClusterError extends DomainError {
  constructor(message: string, unreachable: boolean) {
    super(message, unreachable ? 'cluster_unreachable' : 'cluster_error', unreachable ? 503 : 502);
  }
}

/** Rethrows a KubernetesFailure as a ClusterError (others unchanged: they are logged, never shown). */
export function asClusterError(err: unknown): unknown {
  if (!isKubernetesFailure(err)) return err;
  return new ClusterError(err.message, err.kind === 'unreachable' || err.kind === 'timeout' || err.kind === 'unknown');
}

/** The native API's view of an account, with its live status (probed, cached briefly). */
export async function describeAccount(user: Principal, account: KubernetesAccountConfig): Promise<AccountDto> {
  return {
    name: account.name,
    type: 'kubernetes',
    namespaces: account.namespaces,
    permissions: { READ: account.permissions.READ, WRITE: account.permissions.WRITE },
    canWrite: can(user, 'write', accountResource(account)),
    status: await probeAccount(account),
  };
}

const NAMESPACE_LIST_TIMEOUT_MS = 5_000;

/** The namespaces to offer for an account: its allow-list, or what the cluster lists when there is none. */
export async function listAccountNamespaces(account: KubernetesAccountConfig): Promise<AccountNamespaces> {
  if (account.namespaces.length > 0) return { account: account.name, namespaces: [...account.namespaces].sort(), source: 'allow-list' };
  try {
    const list = await clusterClientFor(account).list({ apiVersion: 'v1', kind: 'Namespace' }, { signal: AbortSignal.timeout(NAMESPACE_LIST_TIMEOUT_MS) });
    const names = list.map((ns) => ns.metadata?.name).filter((n): n is string => typeof n === 'string');
    return { account: account.name, namespaces: names.sort(), source: 'cluster' };
  } catch (err) {
    throw asClusterError(err);
  }
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
