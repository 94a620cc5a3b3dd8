import 'server-only';
import { can, type Principal, type Resource } from '../auth/permissions';
import { principalForRoles } from '../auth/principal';
import type { PrometheusEndpoint } from '../canary/prometheus';
import { findPrometheusAccount, prometheusEndpoint } from '../canary/prometheus/accounts';
import type { PrometheusAccountConfig } from '../config/prometheus-schema';
import { egressFetch, metricsEgressPolicy } from '../egress';
import { getConfig } from '../env';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { MetricsAccountChoice } from '../pipeline';

/**
 * Metrics accounts as Fiat-style resources: READ lets a role query the account (metric preview,
 * retrospective analyses, canary stages of its runs). No READ roles means administrators only.
 */
export const metricsAccountResource = (account: PrometheusAccountConfig): Resource => ({ kind: 'account', name: account.name, permissions: { READ: account.permissions.READ } });

export function usableMetricsAccounts(user: Principal): PrometheusAccountConfig[] {
  return getConfig().prometheus.accounts.filter((account) => can(user, 'read', metricsAccountResource(account)));
}

const listed = (accounts: readonly PrometheusAccountConfig[]) => accounts.map((a) => a.name).join(', ') || 'none';

/**
 * The account a person's request names (or the only one configured). One they may not use is
 * answered exactly like one that does not exist — a 422 on metricsAccountName listing only the
 * accounts they may use — so account names cannot be probed.
 */
export function metricsEndpointFor(user: Principal, name: string | undefined): PrometheusEndpoint {
  const account = findPrometheusAccount(getConfig().prometheus.accounts, name);
  if (!account || !can(user, 'read', metricsAccountResource(account))) {
    const usable = listed(usableMetricsAccounts(user));
    const message = name ? `No Prometheus metrics account named ${name} that you may use (accounts you may use: ${usable})` : `Name the Prometheus metrics account (metricsAccountName); accounts you may use: ${usable}`;
    throw new ValidationError(`metricsAccountName: ${message}`, [{ path: 'metricsAccountName', message }]);
  }
  const policy = metricsEgressPolicy();
  return prometheusEndpoint(account, (url, init) => egressFetch(url, init, policy));
}

/**
 * The account a canary stage names, for a pipeline run: like Kubernetes accounts (and Fiat), the
 * roles the execution runs with — those of the person who started it; an automatic run has none —
 * must hold READ on it. The message is the stage's failure reason.
 */
export function metricsEndpointForRun(run: { user: string | null; roles: readonly string[] }, name: string | undefined, signal: AbortSignal): PrometheusEndpoint {
  const principal = principalForRoles(run.user ?? 'pipeline', run.roles, getConfig().auth.roles);
  const account = findPrometheusAccount(getConfig().prometheus.accounts, name);
  if (!account) {
    const usable = listed(usableMetricsAccounts(principal));
    throw new NotFoundError(name ? `No Prometheus metrics account named ${name} that this run may use (accounts it may use: ${usable})` : `Name the Prometheus metrics account (metricsAccountName); accounts this run may use: ${usable}`);
  }
  if (!can(principal, 'read', metricsAccountResource(account))) {
    const who = run.user ? `${run.user}'s run` : 'This automatic run';
    const needs = account.permissions.READ.length > 0 ? `one of the roles ${account.permissions.READ.join(', ')}` : 'an administrator (the account grants READ to no role)';
    throw new ForbiddenError(`${who} may not use Prometheus metrics account ${account.name}: that needs ${needs}`);
  }
  const policy = metricsEgressPolicy();
  return prometheusEndpoint(account, (url, init) => egressFetch(url, { ...init, signal }, policy));
}

/** What a person saving a pipeline may name in canary stages: the accounts they may use, plus those the stored version already named. */
export function metricsAccountChoice(user: Principal, alreadyNamed: readonly string[] = []): MetricsAccountChoice {
  const configured = getConfig().prometheus.accounts;
  const usable = new Set([...usableMetricsAccounts(user).map((a) => a.name), ...alreadyNamed]);
  return { usable: [...usable], ...(configured.length === 1 && configured[0] ? { defaultAccount: configured[0].name } : {}) };
}

/** Kayenta's `/credentials` entry for a metrics account (Gate's `/v2/canaries/credentials`): name and role, no URL or secrets. */
export function kayentaAccount(account: PrometheusAccountConfig): Record<string, unknown> {
  return { name: account.name, type: 'prometheus', supportedTypes: ['METRICS_STORE'], locations: [], recommendedLocations: [] };
}
