import 'server-only';
import type { KubernetesAccountConfig } from '../config/kubernetes-schema';
import { clusterClientFor } from '../kubernetes/client';
import { isKubernetesFailure } from '../kubernetes/errors';
import { getLogger } from '../log';
import type { AccountStatus } from '../pipeline/kubernetes-accounts';

/** Short, so a dead cluster cannot stall the Settings page or the editor's pickers. */
const PROBE_TIMEOUT_MS = 2_500;
/** Every page view and picker asks; one probe per account per window is plenty. */
const PROBE_TTL_MS = 15_000;

const probes = new Map<string, { key: string; at: number; status: Promise<AccountStatus> }>();

/**
 * Whether the account's apiserver answers, and its version. Cached per account for PROBE_TTL_MS (the
 * promise is cached, so concurrent callers share one request); a changed kubeconfig/context probes afresh.
 */
export function probeAccount(account: KubernetesAccountConfig, now = Date.now()): Promise<AccountStatus> {
  const key = JSON.stringify([account.kubeconfigFile, account.context, account.inCluster]);
  const cached = probes.get(account.name);
  if (cached && cached.key === key && now - cached.at < PROBE_TTL_MS) return cached.status;
  const status = readStatus(account);
  probes.set(account.name, { key, at: now, status });
  return status;
}

async function readStatus(account: KubernetesAccountConfig): Promise<AccountStatus> {
  const checkedAt = new Date().toISOString();
  try {
    const version = await clusterClientFor(account).version(AbortSignal.timeout(PROBE_TIMEOUT_MS));
    return { reachable: true, serverVersion: version, error: null, checkedAt };
  } catch (err) {
    if (isKubernetesFailure(err)) return { reachable: false, serverVersion: null, error: err.message, checkedAt };
    getLogger().error({ err, account: account.name }, 'probing a Kubernetes account failed unexpectedly');
    return { reachable: false, serverVersion: null, error: 'Could not check the cluster (an unexpected error; the server log has details)', checkedAt };
  }
}
