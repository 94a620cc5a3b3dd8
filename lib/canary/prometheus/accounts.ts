import 'server-only';
import fs from 'node:fs';
import type { PrometheusAccountConfig } from '../../config/prometheus-schema';
import type { HttpFetcher, PrometheusEndpoint } from './client';

function readSecret(value: string | undefined, file: string | undefined): string {
  // Read at each use so a rotated, mounted secret takes effect without a restart.
  return value ?? fs.readFileSync(file ?? '', 'utf8').trim();
}

/**
 * The account a canary analysis queries: the one named, or the only one configured when no name is
 * given (Kayenta's metricsAccountName is optional with a single account). Whether the caller may use
 * it is the caller's check (lib/services/metrics-accounts.ts).
 */
export function findPrometheusAccount(accounts: readonly PrometheusAccountConfig[], name: string | undefined): PrometheusAccountConfig | undefined {
  return name ? accounts.find((a) => a.name === name) : accounts.length === 1 ? accounts[0] : undefined;
}

/** The account ready to query: credentials resolved (they go only into request headers), HTTP under its egress policy. */
export function prometheusEndpoint(account: PrometheusAccountConfig, fetch: HttpFetcher): PrometheusEndpoint {
  const headers: Record<string, string> = {};
  const auth = account.auth;
  if (auth?.type === 'bearer') headers.authorization = `Bearer ${readSecret(auth.token, auth.tokenFile)}`;
  if (auth?.type === 'basic') headers.authorization = `Basic ${Buffer.from(`${auth.username}:${readSecret(auth.password, auth.passwordFile)}`).toString('base64')}`;
  const tls = account.tls.insecureSkipVerify || account.tls.caFile ? { ...(account.tls.caFile ? { ca: fs.readFileSync(account.tls.caFile, 'utf8') } : {}), ...(account.tls.insecureSkipVerify ? { rejectUnauthorized: false } : {}) } : undefined;
  return { name: account.name, url: account.url, headers, fetch, ...(tls ? { tls } : {}) };
}
