import 'server-only';
import fs from 'node:fs';
import type { PrometheusAccountConfig } from '../../config/prometheus-schema';
import { NotFoundError } from '../../errors';
import type { PrometheusEndpoint } from './client';

function readSecret(value: string | undefined, file: string | undefined): string {
  // Read at each use so a rotated, mounted secret takes effect without a restart.
  return value ?? fs.readFileSync(file ?? '', 'utf8').trim();
}

/**
 * The account a canary analysis queries: the one named, or the only one configured when no name is
 * given (Kayenta's metricsAccountName is optional with a single account). Credentials are resolved
 * here and go only into request headers.
 */
export function resolvePrometheusAccount(accounts: readonly PrometheusAccountConfig[], name: string | undefined): PrometheusEndpoint {
  const account = name ? accounts.find((a) => a.name === name) : accounts.length === 1 ? accounts[0] : undefined;
  if (!account) {
    const known = accounts.map((a) => a.name).join(', ') || 'none configured';
    throw new NotFoundError(name ? `No Prometheus metrics account named ${name} (accounts: ${known})` : `Name the Prometheus metrics account (metricsAccountName); accounts: ${known}`);
  }
  const headers: Record<string, string> = {};
  const auth = account.auth;
  if (auth?.type === 'bearer') headers.authorization = `Bearer ${readSecret(auth.token, auth.tokenFile)}`;
  if (auth?.type === 'basic') headers.authorization = `Basic ${Buffer.from(`${auth.username}:${readSecret(auth.password, auth.passwordFile)}`).toString('base64')}`;
  const tls = account.tls.insecureSkipVerify || account.tls.caFile ? { ...(account.tls.caFile ? { ca: fs.readFileSync(account.tls.caFile, 'utf8') } : {}), ...(account.tls.insecureSkipVerify ? { rejectUnauthorized: false } : {}) } : undefined;
  return { name: account.name, url: account.url, headers, ...(tls ? { tls } : {}) };
}
