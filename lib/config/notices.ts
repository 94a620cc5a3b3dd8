import { allowListLetsThrough } from '../egress/policy';
import type { ForesailConfig } from './schema';

/**
 * Valid settings that probably do not do what the operator meant, in plain words: printed by
 * `config check` and logged at start-up. Today: metrics accounts nobody but administrators may use,
 * and private Prometheus addresses still allowed the old way (egress.allow no longer covers them).
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
  return notices;
}
