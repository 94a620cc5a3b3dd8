import { startGitHubStandIn, type GitHubStandIn } from '../github/server';
import { ensureServices, stopStartedServices } from '../../lib/world/services';
import type { LdapInfo } from '../../lib/world/ldap';
import type { PrometheusInfo } from '../../lib/world/prometheus';
import { freePort, makeTempDir } from '../../lib/runtime/processes';
import { writeTestConfig } from '../runner/test-config-file';
import { startForesail, type ForesailProcess } from './foresail-process';

export interface World {
  ldap: LdapInfo;
  /** The Prometheus behind the `metrics` account (canary analyses; push series with lib/testing/prometheus-push). */
  prometheus: PrometheusInfo;
  github: GitHubStandIn;
  foresail: ForesailProcess;
  /** Seconds between LDAP group refreshes in this world (short, so tests can watch access change). */
  refreshSeconds: number;
  stop(): Promise<void>;
}

/**
 * The e2e world: real slapd (seeded people and groups), the GitHub stand-in, and a real Foresail
 * configured to sign in through them, exactly as an operator would configure it.
 */
export async function startWorld(options: { refreshSeconds?: number; extraConfig?: Record<string, unknown> } = {}): Promise<World> {
  const refreshSeconds = options.refreshSeconds ?? 3;
  const services = await ensureServices({ ldap: true, prometheus: true }, () => undefined);
  const { ldap, prometheus } = services;
  if (!ldap) throw new Error('LDAP did not start');
  if (!prometheus) throw new Error('Prometheus did not start');
  const github = await startGitHubStandIn();
  const dataDir = makeTempDir('foresail-e2e-');
  const port = await freePort();
  const configFile = writeTestConfig(
    {
      auth: {
        sessionSecret: 'e2e-session-secret-that-is-long-enough-0123456789',
        github: { clientId: github.clientId, clientSecret: github.clientSecret, baseUrl: github.url },
        ldap: { url: ldap.url, bindDn: ldap.bindDn, bindPassword: ldap.bindPassword, userBase: ldap.usersDn, refreshSeconds },
        roles: { admin: ['admins'], createApplication: ['developers'] },
      },
      // The local Prometheus is a private address: allow exactly it for metrics accounts (release managers may use it), and for webhooks.
      prometheus: { egress: { allow: ['127.0.0.1/32'] }, accounts: [{ name: 'metrics', url: prometheus.url, permissions: { READ: ['release-managers'] } }] },
      egress: { allow: ['127.0.0.1/32'] },
      ...options.extraConfig,
    },
    dataDir,
  );
  const foresail = await startForesail({ dataDir, port, env: { FORESAIL_CONFIG: configFile } });
  return {
    ldap,
    prometheus,
    github,
    foresail,
    refreshSeconds,
    async stop() {
      await foresail.stop();
      await github.stop();
      await stopStartedServices(() => undefined);
    },
  };
}
