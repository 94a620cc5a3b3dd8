import { allowListLetsThrough } from '../egress/policy';
import type { ForesailConfig } from './schema';

/**
 * Valid settings that probably do not do what the operator meant, in plain words: printed by
 * `config check` and logged at start-up. Today: metrics accounts nobody but administrators may use,
 * private Prometheus addresses still allowed the old way (egress.allow no longer covers them), and
 * artifact accounts whose credentials any URL may receive.
 */
export function configNotices(config: ForesailConfig): string[] {
  const notices: string[] = [];
  config.prometheus.accounts.forEach((account, i) => {
    const key = `prometheus.accounts[${i}] (${account.name})`;
    if (account.permissions.READ.length === 0) {
      notices.push(`${key}: no role may READ it, so only administrators can preview queries, run analyses or run canary stages with it; list roles in permissions.READ`);
    }
    const host = new URL(account.url).hostname;
    if (allowListLetsThrough(config.egress.allow, host) && !allowListLetsThrough(config.prometheus.egress.allow, host)) {
      notices.push(`${key}: ${host} is allowed in egress.allow, which covers webhook stages and notifications but not metrics accounts; add it to prometheus.egress.allow`);
    }
  });
  config.artifacts.accounts.forEach((account, i) => {
    const hasCredentials = Boolean(account.token || account.tokenFile || account.password || account.passwordFile);
    // github/file accounts default to api.github.com, so only the other types send credentials anywhere.
    if (hasCredentials && !account.baseUrl && account.type !== 'github/file') {
      notices.push(`artifacts.accounts[${i}] (${account.name}): has credentials but no baseUrl, so any pipeline may send them to any URL it names in an artifact; set baseUrl to the host they are for`);
    }
  });
  return notices;
}
